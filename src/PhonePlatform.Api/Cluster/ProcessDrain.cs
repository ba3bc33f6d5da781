using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhonePlatform.Api.Cluster;

/// <summary>
/// Whether this process is stopping. Set when the host begins stopping (SIGTERM), before any service stops, so
/// <c>/readyz</c> fails at once and load balancers (Kubernetes endpoints, the SIP edge) stop sending new work while the
/// services finish theirs.
/// </summary>
public sealed class ProcessDrain : IHostedLifecycleService, IHealthCheck
{
    private volatile bool draining;

    public bool IsDraining => draining;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining ? HealthCheckResult.Unhealthy("draining: this process is stopping") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
