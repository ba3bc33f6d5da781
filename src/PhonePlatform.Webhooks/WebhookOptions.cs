namespace PhonePlatform.Webhooks;

/// <summary>Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Tests only: allow <c>http://localhost</c> / <c>http://127.0.0.1</c> URLs and loopback destinations. Private,
    /// link-local and other internal destinations stay refused either way.
    /// </summary>
    public bool AllowLoopbackDestinations { get; set; }

    /// <summary>How long a rotated-out secret keeps signing next to the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a message is retried before it is marked failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Delay after the first failure, doubled per attempt (with ±25 % jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Per attempt: connect, send and receive the response headers and excerpt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts in flight at once per worker.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Deliveries claimed per round; the lease must outlast a round's attempts.</summary>
    public int BatchSize { get; set; } = 100;

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events fanned out per transaction.</summary>
    public int FanOutBatchSize { get; set; } = 200;

    /// <summary>Wait between polls when there was nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
