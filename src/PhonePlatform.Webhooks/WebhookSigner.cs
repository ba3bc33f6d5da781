using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature scheme"): the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, signed with HMAC-SHA256 under the secret's bytes (the base64 part
/// after <c>whsec_</c>), sent as <c>v1,{base64}</c>; several signatures are space-delimited.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>The spec recommends 24 to 64 random bytes.</summary>
    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] SecretBytesOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
    }

    /// <summary>One <c>v1,</c> signature per secret, space-delimited, for the <c>webhook-signature</c> header.</summary>
    public static string Sign(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(SecretBytesOf(secret), content))));
    }
}
