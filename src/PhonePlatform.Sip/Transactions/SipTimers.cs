namespace PhonePlatform.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1.1 and Table 4: T1 (RTT estimate), T2 (maximum non-INVITE retransmit interval), T4 (network lifetime).</summary>
public sealed record SipTimers
{
    public static SipTimers Default { get; } = new();

    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H and J: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: at least 32 s on unreliable transports.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);
}
