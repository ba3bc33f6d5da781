using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>
/// Short-lived SIP passwords for logged-in users. The API issues <see cref="IssueToken"/> to a user's softphone, which
/// uses it as its digest password; the SIP side derives the same value from the shared key, so nothing is stored.
/// A token belongs to a time window and is accepted during that window and the next one: its life is between one and
/// two windows. Tokens are HMAC-SHA256(key, "user@realm|window"), base64url.
/// </summary>
public sealed class TimeWindowTokenCredentialStore : ISipCredentialStore
{
    private readonly byte[] key;
    private readonly TimeSpan window;
    private readonly TimeProvider timeProvider;

    public TimeWindowTokenCredentialStore(byte[] key, TimeSpan window, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The token key must have at least 256 bits.", nameof(key));
        }

        this.key = key.ToArray();
        this.window = window;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string IssueToken(string username, string realm) => Token(username, realm, CurrentWindow());

    public ValueTask<IReadOnlyList<string>> FindHa1Async(string username, string realm, SipDigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var current = CurrentWindow();
        IReadOnlyList<string> candidates =
        [
            SipDigest.Ha1(algorithm, username, realm, Token(username, realm, current)),
            SipDigest.Ha1(algorithm, username, realm, Token(username, realm, current - 1)),
        ];
        return ValueTask.FromResult(candidates);
    }

    private long CurrentWindow() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;

    private string Token(string username, string realm, long windowNumber)
    {
        var input = Encoding.UTF8.GetBytes($"{username}@{realm}|{windowNumber.ToString(CultureInfo.InvariantCulture)}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, input)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
