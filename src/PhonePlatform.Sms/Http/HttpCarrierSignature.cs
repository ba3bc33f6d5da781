using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Sms.Http;

/// <summary>The HMAC both directions of the REST carrier use: hex HMAC-SHA256 of <c>{unix timestamp}.{body}</c>.</summary>
public static class HttpCarrierSignature
{
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));
    }
}
