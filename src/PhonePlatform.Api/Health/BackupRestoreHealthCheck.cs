using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Backups;

namespace PhonePlatform.Api.Health;

/// <summary>
/// The last automated restore test, for <c>/readyz</c> details: degraded (still serving) when it failed or is
/// overdue. Names no backup, table or error: those are in the alert log event.
/// </summary>
public sealed class BackupRestoreHealthCheck(RestoreTestStatus status, BackupOptions options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = status.Last;
        var result = last switch
        {
            null => HealthCheckResult.Healthy("No restore test has run in this process yet."),
            { Passed: false } => HealthCheckResult.Degraded($"Last restore test failed at {last.CheckedAt:u}."),
            _ when time.GetUtcNow() - last.CheckedAt > 2 * options.RestoreTestInterval =>
                HealthCheckResult.Degraded($"Last restore test passed at {last.CheckedAt:u}, which is overdue."),
            _ => HealthCheckResult.Healthy($"Last restore test passed at {last.CheckedAt:u}."),
        };
        return Task.FromResult(result);
    }
}
