using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Problems;

namespace PhonePlatform.Api.Hosting;

/// <summary>Per-IP limits on credential endpoints (sign-up, login, step-up); lockout per account lives in Login.</summary>
public static class RateLimits
{
    public const string AuthAttempts = "auth-attempts";

    public static IServiceCollection AddPhonePlatformRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AuthAttempts, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.AttemptsPerMinutePerIp;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await new Failure(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many attempts", "Wait a minute before trying again.")
                    .ToResult().ExecuteAsync(rejected.HttpContext);
            };
        });
}
