using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Health;

/// <summary>Ready when the blob store answers a lookup (a read-only call: probes must not write).</summary>
public sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ExistsAsync("health/probe", cancellationToken);
            return HealthCheckResult.Healthy("Blob store answered.");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Blob store did not answer.", e);
        }
    }
}
