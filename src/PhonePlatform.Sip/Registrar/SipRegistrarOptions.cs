using PhonePlatform.Sip.Auth;

namespace PhonePlatform.Sip.Registrar;

public sealed record SipRegistrarOptions
{
    public required string Realm { get; init; }

    /// <summary>Shorter requested intervals get 423 Interval Too Brief (RFC 3261 §10.3 step 7).</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Challenge algorithms in preference order (RFC 8760).</summary>
    public IReadOnlyList<SipDigestAlgorithm> Algorithms { get; init; } = [SipDigestAlgorithm.Sha256, SipDigestAlgorithm.Md5];

    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);
}
