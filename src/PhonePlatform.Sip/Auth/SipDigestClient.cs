using System.Security.Cryptography;

namespace PhonePlatform.Sip.Auth;

/// <summary>
/// Client side of digest authentication (RFC 3261 §22.2–22.3): answers a 401/407 by re-sending the request with
/// credentials, a higher CSeq and a new branch. Used for outbound trunk registration and calls.
/// </summary>
public static class SipDigestClient
{
    /// <summary>Returns the authorised retry, or null when the challenge cannot be answered (no supported algorithm).</summary>
    public static SipRequest? Authorize(SipRequest original, SipResponse challengeResponse, string username, string password)
    {
        var proxy = challengeResponse.StatusCode == 407;
        var challenges = challengeResponse.Headers
            .GetFieldValues(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate)
            .Select(h => DigestChallenge.TryParse(h, out var c) ? c : null)
            .OfType<DigestChallenge>()
            .ToList();

        // RFC 8760 §2.4: use the first challenge whose algorithm we support; we prefer SHA-256 when both are offered.
        var challenge = challenges.FirstOrDefault(c => c.Algorithm == SipDigestAlgorithm.Sha256) ?? challenges.FirstOrDefault();
        if (challenge is null)
        {
            return null;
        }

        var retry = original.Clone();
        retry.Headers.RemoveFirstValue(SipHeaderNames.Via);
        var cseq = original.CSeq!.Value;
        retry.CSeq = cseq with { Number = cseq.Number + 1 };

        var uri = original.RequestUriText;
        var qop = challenge.Qop?.Split(',').Select(q => q.Trim()).Contains("auth", StringComparer.OrdinalIgnoreCase) == true ? "auth" : null;
        var cnonce = qop is null ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nc = qop is null ? null : "00000001";
        var ha1 = SipDigest.Ha1(challenge.Algorithm, username, challenge.Realm, password);
        var response = SipDigest.Response(challenge.Algorithm, ha1, challenge.Nonce, original.Method, uri, qop, nc, cnonce);
        var credentials = new DigestCredentials(username, challenge.Realm, challenge.Nonce, uri, response, challenge.Algorithm, qop, nc, cnonce, challenge.Opaque);
        retry.Headers.Set(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, credentials.ToString());
        return retry;
    }
}
