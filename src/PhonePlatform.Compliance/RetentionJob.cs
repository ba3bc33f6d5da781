using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>
/// Purges cancelled workspaces whose retention has run out, then applies the workspaces' retention policies
/// (<see cref="RetentionEnforcer"/>). One pass is <see cref="RunOnceAsync"/>; the hosted
/// service repeats it every <see cref="ComplianceOptions.RetentionJobInterval"/> on the injected clock. A workspace
/// whose purge fails stays due and is retried on the next pass; the others go on.
/// </summary>
public sealed partial class RetentionJob(
    IServiceScopeFactory scopes,
    WorkspacePurge purge,
    RetentionEnforcer enforcer,
    IOptions<ComplianceOptions> options,
    TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    /// <summary>Purges every due workspace; returns the certificates issued in this pass.</summary>
    public async Task<IReadOnlyList<DeletionCertificate>> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // WorkspaceCancellation is not tenant-scoped: the job reads across workspaces by design.
            var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
            var now = time.GetUtcNow();
            due = await db.Set<WorkspaceCancellation>().AsNoTracking()
                .Where(c => c.PurgedAt == null && c.PurgeAfter <= now)
                .OrderBy(c => c.PurgeAfter)
                .Select(c => c.WorkspaceId)
                .ToListAsync(cancellationToken);
        }

        var certificates = new List<DeletionCertificate>();
        foreach (var workspaceId in due)
        {
            try
            {
                certificates.Add(await purge.ExecuteAsync(workspaceId, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(logger, workspaceId, ex);
            }
        }

        try
        {
            await enforcer.RunOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPassFailed(logger, ex);
        }

        return certificates;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionJobInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging workspace {WorkspaceId} failed; retrying on the next pass")]
    private static partial void LogPurgeFailed(ILogger logger, Guid workspaceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
