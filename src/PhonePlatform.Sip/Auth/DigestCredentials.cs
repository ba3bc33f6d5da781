using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>Digest credentials in Authorization / Proxy-Authorization (RFC 3261 §22.4, RFC 7616 §3.4).</summary>
public sealed record DigestCredentials(
    string Username,
    string Realm,
    string Nonce,
    string Uri,
    string Response,
    SipDigestAlgorithm Algorithm,
    string? Qop,
    string? NonceCount,
    string? ClientNonce,
    string? Opaque)
{
    public static bool TryParse(string? header, out DigestCredentials credentials)
    {
        credentials = null!;
        if (!AuthParameters.TryParse(header, out var scheme, out var p) || !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || !p.TryGetValue("username", out var username) || !p.TryGetValue("realm", out var realm)
            || !p.TryGetValue("nonce", out var nonce) || !p.TryGetValue("uri", out var uri) || !p.TryGetValue("response", out var response)
            || !SipDigest.TryParseAlgorithm(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            return false;
        }

        credentials = new DigestCredentials(username, realm, nonce, uri, response, algorithm,
            p.GetValueOrDefault("qop"), p.GetValueOrDefault("nc"), p.GetValueOrDefault("cnonce"), p.GetValueOrDefault("opaque"));
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(256);
        builder.Append("Digest username=").Append(AuthParameters.Quote(Username))
            .Append(", realm=").Append(AuthParameters.Quote(Realm))
            .Append(", nonce=").Append(AuthParameters.Quote(Nonce))
            .Append(", uri=").Append(AuthParameters.Quote(Uri))
            .Append(", response=").Append(AuthParameters.Quote(Response))
            .Append(", algorithm=").Append(Algorithm.Name());
        if (Qop is not null)
        {
            builder.Append(", qop=").Append(Qop).Append(", nc=").Append(NonceCount).Append(", cnonce=").Append(AuthParameters.Quote(ClientNonce ?? string.Empty));
        }

        if (Opaque is not null)
        {
            builder.Append(", opaque=").Append(AuthParameters.Quote(Opaque));
        }

        return builder.ToString();
    }
}
