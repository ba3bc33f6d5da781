using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Webhooks.IntegrationTests.Support;

/// <summary>
/// A receiver's verification written from the Standard Webhooks specification alone (shares no code with the
/// platform's signer): parse <c>whsec_</c>, check the timestamp tolerance, recompute HMAC-SHA256 over
/// <c>id.timestamp.body</c> and compare in constant time with each <c>v1,</c> signature of the header.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string secret, string id, string timestamp, string signatureHeader, byte[] body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > Tolerance.TotalSeconds)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = new HMACSHA256(key).ComputeHash(signed);
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(',', 2);
            if (pieces is ["v1", var value] && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(value), expected))
            {
                return true;
            }
        }

        return false;
    }
}
