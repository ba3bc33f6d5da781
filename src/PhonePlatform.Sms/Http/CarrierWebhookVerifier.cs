using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Sms.Http;

/// <summary>Why a carrier webhook was refused before its body was read as JSON.</summary>
public enum CarrierWebhookRefusal
{
    None,
    UnknownCarrier,
    MissingSignature,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Checks a carrier's webhook before anything parses it: the timestamp header must be within
/// <see cref="HttpCarrierOptions.WebhookTolerance"/> of now (a captured request cannot be replayed later) and the
/// signature header must equal the HMAC of <c>{timestamp}.{body}</c> (compared in constant time).
/// </summary>
public sealed class CarrierWebhookVerifier(HttpCarrierDirectory carriers, TimeProvider time)
{
    public CarrierWebhookRefusal Verify(string carrierId, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (carriers.Find(carrierId) is not { WebhookSecret: { Length: > 0 } secret } carrier)
        {
            return CarrierWebhookRefusal.UnknownCarrier;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return CarrierWebhookRefusal.MissingSignature;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 100_000_000_000
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > carrier.WebhookTolerance)
        {
            return CarrierWebhookRefusal.StaleTimestamp;
        }

        var expected = Encoding.ASCII.GetBytes(HttpCarrierSignature.Compute(secret, seconds, body));
        var given = Encoding.ASCII.GetBytes(signature.StartsWith("sha256=", StringComparison.Ordinal) ? signature[7..] : signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? CarrierWebhookRefusal.None : CarrierWebhookRefusal.BadSignature;
    }
}
