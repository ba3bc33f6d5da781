namespace PhonePlatform.Sms;

/// <summary>Settings of the SMS worker (configuration section <c>Sms</c>).</summary>
public sealed class SmsOptions
{
    /// <summary>SMPP carrier accounts by name; failover tries the others in name order.</summary>
    public Dictionary<string, SmsCarrierOptions> Carriers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The carrier of numbers without an override; the first carrier by name when unset.</summary>
    public string? DefaultCarrier { get; set; }

    /// <summary>Per-number override: E.164 of a workspace number (with or without '+') → carrier name.</summary>
    public Dictionary<string, string> NumberCarriers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How long the parts of a concatenated inbound message are awaited before the parts present are stored.</summary>
    public TimeSpan ReassemblyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Outbox entries claimed per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Submissions in flight at once per round (keep at or below the carriers' SMPP window).</summary>
    public int Concurrency { get; set; } = 50;

    /// <summary>Rounds each worker runs at once, so one batch's reads and save overlap another batch's submits.</summary>
    public int Rounds { get; set; } = 2;

    /// <summary>How long a claim lasts; a worker killed mid-send leaves entries that another worker claims after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a poll found the outbox empty (doubled while it stays empty).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Longest wait between polls of an empty outbox. Messages queued by this process, or announced by another one
    /// through NOTIFY, wake the worker at once; this bounds the delay when a wake-up is missed.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First retry delay after a transient error, doubled per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a message that keeps failing transiently is marked failed.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Confirmation sent once when a party opts out.</summary>
    public string StopConfirmation { get; set; } = "You have been unsubscribed and will receive no further messages. Reply START to resubscribe.";

    /// <summary>Confirmation sent when a party opts back in.</summary>
    public string StartConfirmation { get; set; } = "You have been resubscribed. Reply STOP to unsubscribe.";

    /// <summary>Answer to HELP.</summary>
    public string HelpText { get; set; } = "Reply STOP to unsubscribe.";
}
