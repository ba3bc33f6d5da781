using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Api.Auth;

/// <summary>Endpoint conventions: which permission an endpoint needs, and whether it needs a fresh step-up.</summary>
public static class AccessFilters
{
    /// <summary>Refuses (403) a caller without <paramref name="permission"/>, or one that must first enrol 2FA.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = Caller.From(context.HttpContext);
            if (caller is null)
            {
                return TypedResults.Unauthorized();
            }

            if (caller.TwoFactorEnrollmentRequired)
            {
                return new Failure(
                    StatusCodes.Status403Forbidden,
                    "two-factor-enrollment-required",
                    "Two-factor authentication required",
                    "This workspace requires owners and admins to enable two-factor authentication first: POST /v1/me/two-factor.").ToResult();
            }

            return caller.Has(permission)
                ? await next(context)
                : Failure.Forbidden($"This requires the '{PermissionNames.NameOf(permission)}' permission.").ToResult();
        });
        return builder;
    }

    /// <summary>
    /// Sensitive operations need a session re-authenticated with password and TOTP within the step-up window.
    /// API keys can never step up, so they cannot perform these operations.
    /// </summary>
    public static TBuilder RequireStepUp<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = Caller.From(context.HttpContext);
            var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
            return caller is { IsApiKey: false, StepUpUntil: { } until } && until > time.GetUtcNow()
                ? await next(context)
                : Failure.StepUpRequired().ToResult();
        });
        return builder;
    }
}
