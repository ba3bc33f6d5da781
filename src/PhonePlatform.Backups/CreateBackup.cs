using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Backups.Internal;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups;

/// <summary>
/// Takes one backup: <c>pg_dump</c> (custom format) inside an exported snapshot whose exact row counts go into the
/// manifest, a manifest of every workspace blob (key, length, SHA-256 of its ciphertext), both encrypted under a
/// platform backup key into <c>backups/{id}/</c> of the blob store, the manifest last; then prunes beyond
/// <see cref="BackupOptions.RetentionCount"/>. The blobs themselves stay where they are (already encrypted, and
/// replicated by the store); the manifest lets a restore prove they are all still there and unchanged.
/// </summary>
public sealed partial class CreateBackup(
    PlatformDatabase database,
    IBlobStore store,
    BackupCipher cipher,
    BackupCatalog catalog,
    BackupOptions options,
    TimeProvider time,
    ILogger<CreateBackup> logger)
{
    private readonly BackupObjects objects = new(store, cipher);
    private readonly PostgresTools tools = new(options);

    public async Task<BackupManifest> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var id = BackupLayout.NewId(now);
        if ((await catalog.ListAsync(cancellationToken)).Any(b => b.Id == id))
        {
            throw new BackupException($"Backup {id} already exists.");
        }

        using var dump = new TempFile(".dump");
        IReadOnlyDictionary<string, long> counts;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction))
            {
                var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
                counts = await TableCounts.ReadAsync(connection, transaction, cancellationToken);
                await tools.DumpAsync(database.ConnectionString, dump.Path, snapshot, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var (sha256, length) = await BackupObjects.HashFileAsync(dump.Path, cancellationToken);
        await using (var file = File.OpenRead(dump.Path))
        {
            await objects.PutAsync(BackupLayout.Key(id, BackupLayout.DatabaseObject), file, cancellationToken);
        }

        var manifest = new BackupManifest(id, now, sha256, length, counts, await ListBlobsAsync(cancellationToken));
        await objects.PutManifestAsync(manifest, cancellationToken);
        LogBackupWritten(logger, id, length, manifest.Blobs.Count);
        await PruneAsync(cancellationToken);
        return manifest;
    }

    private async Task<List<BlobEntry>> ListBlobsAsync(CancellationToken cancellationToken)
    {
        var blobs = new List<BlobEntry>();
        await foreach (var key in store.ListAsync("workspaces/", cancellationToken))
        {
            await using var stored = await store.OpenReadAsync(key, cancellationToken);
            var (sha256, length) = await BackupObjects.HashStreamAsync(stored, cancellationToken);
            blobs.Add(new BlobEntry(key, length, sha256));
        }

        return blobs;
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var backups = await catalog.ListAsync(cancellationToken);
        var complete = backups.Where(b => b.Complete).ToList();
        var keep = complete.TakeLast(Math.Max(1, options.RetentionCount)).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var newest = complete[^1].Id;
        foreach (var backup in backups.Where(b => !keep.Contains(b.Id) && string.CompareOrdinal(b.Id, newest) < 0))
        {
            foreach (var key in backup.Keys)
            {
                await store.DeleteAsync(key, cancellationToken);
            }

            LogBackupPruned(logger, backup.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} written ({DumpBytes} dump bytes, {BlobCount} blobs in manifest)")]
    private static partial void LogBackupWritten(ILogger logger, string backupId, long dumpBytes, int blobCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} pruned (retention)")]
    private static partial void LogBackupPruned(ILogger logger, string backupId);
}
