using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// The jobs role's work on exports: <see cref="RunOnceAsync"/> claims one queued export (<c>FOR UPDATE SKIP
/// LOCKED</c> with a lease, so several job processes share the queue and a crashed builder's export is taken over)
/// and builds it, reporting progress into the row; <see cref="ExpireAsync"/> deletes the blobs of exports past
/// their lifetime. Both audit-log their outcome in the export's workspace.
/// </summary>
public sealed partial class DataExportRunner(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    WorkspaceArchive workspaceArchive,
    MemberArchive memberArchive,
    IWorkspaceBlobs blobs,
    IOptions<DataExportOptions> options,
    TimeProvider time,
    ILogger<DataExportRunner> logger)
{
    /// <summary>Builds the oldest claimable export; false when there was none.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(cancellationToken);
        if (claim is null)
        {
            return false;
        }

        var export = claim.Value;
        try
        {
            var progress = new LeaseProgress(dataSource, export.Id, options.Value.Lease, time);
            var name = DataExport.BlobNameOf(export.Id);
            var size = export.SubjectMembershipId is { } member
                ? await memberArchive.BuildAsync(export.WorkspaceId, member, name, progress, cancellationToken)
                : await workspaceArchive.BuildAsync(export.WorkspaceId, name, progress, cancellationToken);
            await FinishAsync(export, e =>
            {
                (e.Status, e.Size, e.CompletedAt, e.ExpiresAt) = (DataExportStatus.Completed, size, time.GetUtcNow(), time.GetUtcNow() + options.Value.Lifetime);
                (e.Stage, e.StepsDone, e.LeaseUntil) = ("done", e.StepsTotal, null);
            }, ExportAuditActions.Completed, $"bytes={size}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogBuildFailed(logger, export.Id, export.Attempts, ex);
            await blobs.DeleteAsync(export.WorkspaceId, DataExport.BlobNameOf(export.Id), CancellationToken.None);
            var final = export.Attempts >= options.Value.MaxAttempts;
            await FinishAsync(export, e =>
            {
                (e.Status, e.LeaseUntil, e.Error) = (final ? DataExportStatus.Failed : DataExportStatus.Queued, null, $"{ex.GetType().Name}: attempt {export.Attempts} failed");
            }, final ? ExportAuditActions.Failed : null, ex.GetType().Name, CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// Deletes the blobs of completed exports past their lifetime and marks them expired; returns how many. Each is
    /// taken by one atomic update first, so two job processes never expire (and audit) the same export twice; a
    /// failed blob deletion puts it back for the next pass.
    /// </summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var due = new List<ClaimedExport>();
        await using (var command = dataSource.CreateCommand(
            """
            UPDATE "DataExports" SET "Status" = 4, "LinkTokenHash" = NULL
            WHERE "Id" IN (SELECT "Id" FROM "DataExports" WHERE "Status" = 2 AND "ExpiresAt" <= $1 ORDER BY "ExpiresAt" LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING "Id", "WorkspaceId", "SubjectMembershipId", "Attempts"
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(Read(reader));
            }
        }

        foreach (var export in due)
        {
            try
            {
                await blobs.DeleteAsync(export.WorkspaceId, DataExport.BlobNameOf(export.Id), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogExpiryFailed(logger, export.Id, ex);
                await FinishAsync(export, e => e.Status = DataExportStatus.Completed, null, null, CancellationToken.None);
                continue;
            }

            await FinishAsync(export, _ => { }, ExportAuditActions.Expired, null, cancellationToken);
        }

        return due.Count;
    }

    private async Task<ClaimedExport?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Across workspaces by design: the queue is global, each export is then built inside its own workspace.
        await using var command = dataSource.CreateCommand(
            """
            UPDATE "DataExports" SET "Status" = 1, "LeaseUntil" = $2, "StartedAt" = COALESCE("StartedAt", $1), "Attempts" = "Attempts" + 1
            WHERE "Id" = (
                SELECT "Id" FROM "DataExports"
                WHERE "Status" = 0 OR ("Status" = 1 AND "LeaseUntil" < $1)
                ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING "Id", "WorkspaceId", "SubjectMembershipId", "Attempts"
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + options.Value.Lease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ClaimedExport Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetInt32(3));

    private async Task FinishAsync(ClaimedExport claimed, Action<DataExport> change, string? auditAction, string? details, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(claimed.WorkspaceId);
        var export = await db.DataExports.SingleOrDefaultAsync(e => e.Id == claimed.Id, cancellationToken);
        if (export is null)
        {
            return; // the workspace was purged meanwhile
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        change(export);
        await db.SaveChangesAsync(cancellationToken);
        if (auditAction is not null)
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
                DataExports.Target(new AuditEvent(auditAction, null, null, null), auditAction, export, details), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Building export {ExportId} failed (attempt {Attempt})")]
    private static partial void LogBuildFailed(ILogger logger, Guid exportId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting expired export {ExportId} failed; retrying on the next pass")]
    private static partial void LogExpiryFailed(ILogger logger, Guid exportId, Exception exception);

    private readonly record struct ClaimedExport(Guid Id, Guid WorkspaceId, Guid? SubjectMembershipId, int Attempts);

    /// <summary>Writes progress into the row at most once a second (or on a new stage) and renews the lease with it.</summary>
    private sealed class LeaseProgress(NpgsqlDataSource dataSource, Guid exportId, TimeSpan lease, TimeProvider time) : IExportProgress
    {
        private string? lastStage;
        private DateTimeOffset lastWrite;

        public async ValueTask ReportAsync(string stage, int stepsDone, int stepsTotal, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            if (stage == lastStage && now - lastWrite < TimeSpan.FromSeconds(1))
            {
                return;
            }

            (lastStage, lastWrite) = (stage, now);
            await using var command = dataSource.CreateCommand(
                "UPDATE \"DataExports\" SET \"Stage\" = $2, \"StepsDone\" = $3, \"StepsTotal\" = $4, \"LeaseUntil\" = $5 WHERE \"Id\" = $1 AND \"Status\" = 1");
            command.Parameters.Add(new NpgsqlParameter { Value = exportId });
            command.Parameters.Add(new NpgsqlParameter { Value = stage });
            command.Parameters.Add(new NpgsqlParameter { Value = stepsDone });
            command.Parameters.Add(new NpgsqlParameter { Value = stepsTotal });
            command.Parameters.Add(new NpgsqlParameter { Value = now + lease });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
