using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>A Digest challenge in WWW-Authenticate / Proxy-Authenticate (RFC 3261 §22.4, RFC 7616 §3.3).</summary>
public sealed record DigestChallenge(string Realm, string Nonce, SipDigestAlgorithm Algorithm, string? Opaque = null, bool Stale = false, string? Qop = "auth")
{
    public static bool TryParse(string? header, out DigestChallenge challenge)
    {
        challenge = null!;
        if (!AuthParameters.TryParse(header, out var scheme, out var p) || !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || !p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce)
            || !SipDigest.TryParseAlgorithm(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            return false;
        }

        challenge = new DigestChallenge(realm, nonce, algorithm, p.GetValueOrDefault("opaque"),
            string.Equals(p.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase), p.GetValueOrDefault("qop"));
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(160);
        builder.Append("Digest realm=").Append(AuthParameters.Quote(Realm))
            .Append(", nonce=").Append(AuthParameters.Quote(Nonce));
        if (Opaque is not null)
        {
            builder.Append(", opaque=").Append(AuthParameters.Quote(Opaque));
        }

        builder.Append(", algorithm=").Append(Algorithm.Name());
        if (Qop is not null)
        {
            builder.Append(", qop=").Append(AuthParameters.Quote(Qop));
        }

        if (Stale)
        {
            builder.Append(", stale=true");
        }

        return builder.ToString();
    }
}
