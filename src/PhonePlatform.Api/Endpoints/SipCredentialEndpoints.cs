using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.Sip;
using PhonePlatform.Sip.Auth;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>POST /v1/sip/credentials</c>: a logged-in user gets short-lived SIP credentials for their browser softphone.
/// The password is a time-window token the registrar derives again from the shared key, so nothing is stored.
/// </summary>
public static class SipCredentialEndpoints
{
    public static RouteGroupBuilder MapSipCredentialEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/sip/credentials", IssueAsync).WithTags("SIP").WithMetadata(SecretResponse.Instance);
        return v1;
    }

    private static Results<Ok<SipCredentialsResponse>, ProblemHttpResult> IssueAsync(
        Caller caller, BrowserSipEdge edge, IOptions<SipEdgeOptions> options, TimeProvider timeProvider, HttpRequest request)
    {
        if (caller.UserId is not { } userId)
        {
            return Failure.Forbidden("SIP credentials belong to a user; API keys cannot register softphones.").ToResult();
        }

        var username = SipUsernames.For(caller.WorkspaceId, userId);
        var password = edge.Credentials.IssueToken(username, edge.Realm);
        var ha1 = SipDigest.Ha1(SipDigestAlgorithm.Md5, username, edge.Realm, password);

        // Accepted in the current window and the next (TimeWindowTokenCredentialStore): valid until the next one ends.
        var windowMs = (long)edge.TokenWindow.TotalMilliseconds;
        var window = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / windowMs;
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((window + 2) * windowMs);

        // Same origin as the page that asks: wss:// behind HTTPS, ws:// only on a plain-HTTP development host.
        var webSocketUrl = options.Value.WebSocketUrl is { Length: > 0 } configured
            ? configured
            : $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.Value}/sip";
        return TypedResults.Ok(new SipCredentialsResponse(
            username, password, ha1, edge.Realm, $"sip:{username}@{edge.Realm}", expiresAt, webSocketUrl));
    }
}
