using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Health;

/// <summary>Ready when PostgreSQL answers and every migration is applied.</summary>
public sealed class DatabaseHealthCheck(PhonePlatformDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations are not applied.");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("PostgreSQL check failed.", e);
        }
    }
}
