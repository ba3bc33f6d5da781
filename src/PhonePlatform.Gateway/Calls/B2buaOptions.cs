namespace PhonePlatform.Gateway.Calls;

/// <summary>Call-control settings of the B2BUA (configuration section <c>Gateway</c>).</summary>
public sealed record B2buaOptions
{
    /// <summary>How long members' devices ring before voicemail, unless the number sets its own.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long to wait for a device's provisional response before a CANCEL is pointless (RFC 3261 §9.1).</summary>
    public TimeSpan CancelWait { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a dead media path waits for the BYE that usually follows before the call is ended as failed.</summary>
    public TimeSpan MediaEndGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retry-After of the 503 a draining node answers new calls and probes with: how long to keep away from it.</summary>
    public TimeSpan DrainRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
}
