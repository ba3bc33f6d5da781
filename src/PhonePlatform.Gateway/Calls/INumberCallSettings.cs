namespace PhonePlatform.Gateway.Calls;

/// <summary>Port: how an inbound call to a workspace number is handled (the API host implements it over the data layer).</summary>
public interface INumberCallSettings
{
    /// <summary>The number's settings as they apply now (business hours evaluated at the current instant).</summary>
    Task<NumberCallPolicy> GetAsync(Guid workspaceId, string number, CancellationToken cancellationToken);
}

/// <summary>What the gateway needs to handle one inbound call.</summary>
/// <param name="WithinBusinessHours">False: straight to voicemail.</param>
/// <param name="RingTimeout">How long devices ring before voicemail; null: the number sets none (the gateway's default).</param>
/// <param name="Greeting">The number's voicemail greeting (8 kHz mono 16-bit PCM WAV); null: the default.</param>
/// <param name="Menu">Digit menu played before ringing; empty: ring the number's members directly.</param>
public sealed record NumberCallPolicy(
    bool WithinBusinessHours,
    TimeSpan? RingTimeout,
    CallRecordingMode Recording,
    bool AnnounceRecording,
    byte[]? Greeting,
    IReadOnlyList<MenuChoice> Menu)
{
    /// <summary>A number without settings: always open, the gateway's ring timeout, no menu, no recording.</summary>
    public static NumberCallPolicy Default { get; } = new(true, null, CallRecordingMode.Never, false, null, []);
}

/// <summary>A menu digit (RFC 4733 event) and where it leads: a ring group of members, or a number to forward to.</summary>
public sealed record MenuChoice(char Digit, IReadOnlyList<Guid> MembershipIds, string? ForwardTo);

public enum CallRecordingMode
{
    Never,
    Always,
    OnDemand,
}
