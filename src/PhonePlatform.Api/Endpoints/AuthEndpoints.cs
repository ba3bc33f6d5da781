using Microsoft.AspNetCore.Http.HttpResults;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Hosting;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;

namespace PhonePlatform.Api.Endpoints;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/signup", SignUpAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AuthAttempts).WithTags("Auth");

        var sessions = v1.MapGroup("/sessions").WithTags("Auth");
        sessions.MapPost("/", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AuthAttempts).WithMetadata(SecretResponse.Instance);
        sessions.MapDelete("/current", LogoutAsync).AllowWhenReadOnly();
        sessions.MapPost("/current/step-up", StepUpAsync).RequireRateLimiting(RateLimits.AuthAttempts).AllowWhenReadOnly();
        return v1;
    }

    private static async Task<Results<Created<SignUpResponse>, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, SignUp useCase, HttpContext http, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(request, http.Connection.RemoteIpAddress?.ToString(), cancellationToken)).ToCreated(r => $"/v1/workspace");

    private static async Task<Results<Created<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, Login useCase, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await useCase.ExecuteAsync(request, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (outcome.Value is { } session)
        {
            http.Response.Cookies.Append(TokenAuthenticationHandler.SessionCookie, session.Token, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                Path = "/v1",
                Expires = session.ExpiresAt,
            });
        }

        return outcome.ToCreated(_ => "/v1/sessions/current");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(
        Caller caller, Logout useCase, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Cookies.Delete(TokenAuthenticationHandler.SessionCookie, new CookieOptions { Path = "/v1", Secure = true });
        return (await useCase.ExecuteAsync(caller, cancellationToken)).ToNoContent();
    }

    private static async Task<Results<Ok<StepUpResponse>, ProblemHttpResult>> StepUpAsync(
        StepUpRequest request, Caller caller, StepUp useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToOk();
}
