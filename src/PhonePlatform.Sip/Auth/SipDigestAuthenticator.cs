using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>The outcome of checking a request's credentials.</summary>
public sealed record SipAuthResult(string? Username, SipResponse? Challenge)
{
    public bool IsAuthenticated => Username is not null;
}

/// <summary>
/// Server side of SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): challenges with 401 (or 407 as a
/// proxy), one challenge per configured algorithm in preference order, qop=auth, and verifies responses against the
/// HA1 values of an <see cref="ISipCredentialStore"/>.
/// </summary>
public sealed class SipDigestAuthenticator(ISipCredentialStore credentials, NonceService nonces, IReadOnlyList<SipDigestAlgorithm>? algorithms = null)
{
    private readonly IReadOnlyList<SipDigestAlgorithm> algorithms = algorithms ?? [SipDigestAlgorithm.Sha256, SipDigestAlgorithm.Md5];

    public async ValueTask<SipAuthResult> AuthenticateAsync(SipRequest request, string realm, string toTag, bool asProxy = false, CancellationToken cancellationToken = default)
    {
        var header = request.Headers.Get(asProxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization);
        if (header is null || !DigestCredentials.TryParse(header, out var given)
            || !string.Equals(given.Realm, realm, StringComparison.Ordinal) || !algorithms.Contains(given.Algorithm))
        {
            return new(null, Challenge(request, realm, toTag, asProxy, stale: false));
        }

        // We always offer qop=auth; responses without it (RFC 2069) have no nonce count and could be replayed.
        if (!string.Equals(given.Qop, "auth", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, Challenge(request, realm, toTag, asProxy, stale: false));
        }

        switch (nonces.Check(given.Nonce, given.NonceCount))
        {
            case NonceCheck.Stale:
                return new(null, Challenge(request, realm, toTag, asProxy, stale: true));
            case NonceCheck.Invalid or NonceCheck.Replayed:
                return new(null, Challenge(request, realm, toTag, asProxy, stale: false));
        }

        var expectedBytes = Encoding.ASCII.GetBytes(given.Response.ToLowerInvariant());
        foreach (var ha1 in await credentials.FindHa1Async(given.Username, realm, given.Algorithm, cancellationToken))
        {
            var expected = SipDigest.Response(given.Algorithm, ha1, given.Nonce, request.Method, given.Uri, given.Qop, given.NonceCount, given.ClientNonce);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), expectedBytes))
            {
                return new(given.Username, null);
            }
        }

        return new(null, Challenge(request, realm, toTag, asProxy, stale: false));
    }

    private SipResponse Challenge(SipRequest request, string realm, string toTag, bool asProxy, bool stale)
    {
        var response = SipResponse.Create(request, asProxy ? 407 : 401, null, toTag);
        var nonce = nonces.Issue();
        foreach (var algorithm in algorithms)
        {
            var challenge = new DigestChallenge(realm, nonce, algorithm, Stale: stale);
            response.Headers.Add(asProxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate, challenge.ToString());
        }

        return response;
    }
}
