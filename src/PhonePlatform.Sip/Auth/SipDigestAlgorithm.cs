using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>Digest hash algorithms (RFC 7616 §3.2, RFC 8760 for SIP).</summary>
public enum SipDigestAlgorithm
{
    Md5,
    Sha256,
}

public static class SipDigest
{
    public static string Name(this SipDigestAlgorithm algorithm) => algorithm == SipDigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    public static bool TryParseAlgorithm(string? name, out SipDigestAlgorithm algorithm)
    {
        // RFC 7616 §3.3: a missing algorithm means MD5.
        switch (name?.ToUpperInvariant())
        {
            case null or "MD5":
                algorithm = SipDigestAlgorithm.Md5;
                return true;
            case "SHA-256":
                algorithm = SipDigestAlgorithm.Sha256;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    public static string Hash(SipDigestAlgorithm algorithm, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
#pragma warning disable CA5351 // MD5 is what RFC 2617/7616 digest and every SIP phone speaks; SHA-256 is offered first.
        var hash = algorithm == SipDigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>HA1 = H(username:realm:password) (RFC 7616 §3.4.2).</summary>
    public static string Ha1(SipDigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>
    /// response = H(HA1:nonce:nc:cnonce:qop:HA2) with qop, H(HA1:nonce:HA2) without (RFC 7616 §3.4.1, RFC 2617 §3.2.2.1);
    /// HA2 = H(method:digest-uri).
    /// </summary>
    public static string Response(SipDigestAlgorithm algorithm, string ha1, string nonce, string method, string digestUri, string? qop, string? nc, string? cnonce)
    {
        var ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }
}
