using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Core.Observability;

namespace PhonePlatform.Backups;

/// <summary>
/// The automated restore test: restores the newest complete backup into a scratch database, runs
/// <see cref="RestoreVerifier"/>, drops the scratch database, and reports the result (metric, <see cref="RestoreTestStatus"/>
/// for <c>/readyz</c>, and a critical <c>BackupRestoreTestFailed</c> log event that alerting keys on).
/// </summary>
public sealed partial class RestoreTest(
    PlatformDatabase database,
    BackupCatalog catalog,
    RestoreBackup restore,
    RestoreVerifier verifier,
    RestoreTestStatus status,
    PlatformMetrics metrics,
    BackupOptions options,
    TimeProvider time,
    ILogger<RestoreTest> logger)
{
    public async Task<RestoreTestResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(cancellationToken);
        status.Record(result);
        metrics.RestoreTestCompleted(result.Passed, result.CheckedAt);
        if (result.Passed)
        {
            LogPassed(logger, result.BackupId!);
        }
        else
        {
            var failures = string.Join(" | ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
            LogFailed(logger, result.BackupId ?? "none", failures);
        }

        return result;
    }

    private async Task<RestoreTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var newest = await catalog.NewestAsync(cancellationToken);
        if (newest is null)
        {
            return Fail(null, null, new RestoreCheck("backup-present", false, "no complete backup in the store"));
        }

        var scratchServer = new NpgsqlConnectionStringBuilder(options.ScratchServerConnectionString ?? database.ConnectionString);
        if (options.ScratchServerConnectionString is null)
        {
            scratchServer.Database = "postgres";
        }

        var scratchName = "pp_restore_test_" + Guid.NewGuid().ToString("N")[..16];
        var scratch = new NpgsqlConnectionStringBuilder(scratchServer.ConnectionString) { Database = scratchName, Pooling = false }.ConnectionString;
        BackupManifest? manifest = null;
        try
        {
            await ExecuteAsync(scratchServer.ConnectionString, $"CREATE DATABASE \"{scratchName}\"", cancellationToken);
            manifest = await restore.ExecuteAsync(newest.Id, scratch, cancellationToken);
            var checks = new List<RestoreCheck> { new("restore", true, $"backup {newest.Id} restored") };
            checks.AddRange(await verifier.VerifyAsync(scratch, manifest, cancellationToken));
            return new RestoreTestResult(checks.TrueForAll(c => c.Passed), newest.Id, manifest.CreatedAt, time.GetUtcNow(), checks);
        }
#pragma warning disable CA1031 // Any failure of a restore is the test's result, reported and alerted on.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Fail(newest.Id, manifest?.CreatedAt, new RestoreCheck("restore", false, $"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            await ExecuteAsync(scratchServer.ConnectionString, $"DROP DATABASE IF EXISTS \"{scratchName}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private RestoreTestResult Fail(string? backupId, DateTimeOffset? createdAt, RestoreCheck check) =>
        new(false, backupId, createdAt, time.GetUtcNow(), [check]);

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 7101, EventName = "BackupRestoreTestPassed", Level = LogLevel.Information, Message = "Restore test of backup {BackupId} passed")]
    private static partial void LogPassed(ILogger logger, string backupId);

    [LoggerMessage(EventId = 7102, EventName = "BackupRestoreTestFailed", Level = LogLevel.Critical, Message = "ALERT: restore test of backup {BackupId} failed: {Failures}")]
    private static partial void LogFailed(ILogger logger, string backupId, string failures);
}
