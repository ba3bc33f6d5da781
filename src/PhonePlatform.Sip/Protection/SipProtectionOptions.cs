namespace PhonePlatform.Sip.Protection;

/// <summary>Limits against floods and scanners. Dropped traffic gets no answer at all.</summary>
public sealed record SipProtectionOptions
{
    /// <summary>Sustained requests per second accepted from one source IP address.</summary>
    public double RequestsPerSecondPerSource { get; init; } = 50;

    /// <summary>Burst allowance above the sustained rate.</summary>
    public int BurstPerSource { get; init; } = 100;

    /// <summary>
    /// Server plus client transactions alive at once; new requests beyond this get 503 with Retry-After. Over UDP a
    /// completed non-INVITE transaction lives 64*T1 = 32 s (Timer J, RFC 3261 §17.2.2), so 300 call setups a second
    /// keep ~20,000 alive (the BYEs of both legs); the cap leaves room for bursts above that.
    /// </summary>
    public int MaxTransactionsInFlight { get; init; } = 50_000;

    /// <summary>User-Agent substrings of SIP scanners (SIPVicious and friends); matching requests are dropped silently.</summary>
    public IReadOnlyList<string> ScannerUserAgents { get; init; } =
        ["friendly-scanner", "sipvicious", "sipcli", "vaxsipuseragent", "sip-scan", "sipsak", "iWar", "sundayddr", "pplsip", "smap", "nessus", "VoIPER", "SIVuS"];
}
