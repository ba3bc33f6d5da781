using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Compliance;

/// <summary>
/// Deletes a workspace for good, in the order that keeps the guarantee even when a step fails:
/// 1. destroy every key version (crypto-shredding: from here on nothing of the workspace, in the database, its
///    backups or the blob store, can be decrypted);
/// 2. delete its blobs;
/// 3. in one transaction, every participant's records, the workspace row, and the signed deletion certificate.
/// A failed run is safe to repeat; the retention job does so on its next pass.
/// </summary>
public sealed partial class WorkspacePurge(
    IServiceScopeFactory scopes,
    IWrappedKeyStore keyStore,
    WorkspaceShredder shredder,
    TimeProvider time,
    ILogger<WorkspacePurge> logger)
{
    public async Task<DeletionCertificate> ExecuteAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var participants = scope.ServiceProvider.GetServices<IWorkspaceDataParticipant>()
            .OrderBy(p => p.DeletionOrder).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

        var workspaceName = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
        var startedAt = time.GetUtcNow();
        LogPurgeStarted(logger, workspaceId);

        await shredder.ShredAsync(workspaceId, cancellationToken);
        var keys = await DestroyedKeysAsync(workspaceId, cancellationToken);
        LogKeysDestroyed(logger, workspaceId, keys.Count);

        var catalogued = await db.StoredBlobs.AsNoTracking().OrderBy(b => b.Id).Select(b => b.Name).ToListAsync(cancellationToken);
        var blobsDeleted = await DeleteBlobsAsync(scope.ServiceProvider.GetService<EncryptedBlobStore>(), workspaceId, catalogued, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var records = new List<DeletedRecords>();
        foreach (var participant in participants)
        {
            foreach (var (table, count) in await participant.DeleteAllAsync(db, cancellationToken))
            {
                records.Add(new DeletedRecords(participant.Name, table, count));
            }
        }

        records.Add(new DeletedRecords("workspace", "workspaces", await db.Workspaces.ExecuteDeleteAsync(cancellationToken)));

        var cancellation = await db.Set<WorkspaceCancellation>().SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId, cancellationToken);
        if (cancellation is null)
        {
            cancellation = new WorkspaceCancellation { WorkspaceId = workspaceId, RequestedAt = startedAt, PurgeAfter = startedAt };
            db.Add(cancellation);
        }

        var completedAt = time.GetUtcNow();
        var certificate = DeletionCertificates.Issue(new DeletionStatement(
            CertificateId: Guid.CreateVersion7(),
            WorkspaceId: workspaceId,
            WorkspaceName: workspaceName,
            CancellationRequestedAt: cancellation.RequestedAt,
            PurgeStartedAt: startedAt,
            PurgeCompletedAt: completedAt,
            Records: records,
            BlobsDeleted: blobsDeleted,
            KeysDestroyed: keys));
        db.Add(certificate);
        cancellation.PurgedAt = completedAt;
        cancellation.CertificateId = certificate.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        LogPurgeCompleted(logger, workspaceId, certificate.Id, certificate.Sha256);
        return certificate;
    }

    private async Task<List<DestroyedKey>> DestroyedKeysAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var keys = new List<DestroyedKey>();
        foreach (var purpose in new[] { KeyPurpose.Data, KeyPurpose.BlindIndex })
        {
            foreach (var record in await keyStore.GetVersionsAsync(workspaceId, purpose, cancellationToken))
            {
                if (record.DestroyedAt is not { } destroyedAt || record.WrappedKey.Length != 0)
                {
                    throw new InvalidOperationException($"Key {purpose} v{record.Version} of workspace {workspaceId} survived shredding.");
                }

                keys.Add(new DestroyedKey(
                    $"{workspaceId:N}/{purpose.ToString().ToLowerInvariant()}/v{record.Version}",
                    purpose.ToString(),
                    record.Version,
                    record.ProviderName,
                    destroyedAt));
            }
        }

        return keys.OrderBy(k => k.KeyId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Deletes the catalogued blobs and anything else under the workspace's prefix (a blob whose catalogue entry was
    /// never written because its writer crashed). The catalogue rows go with the records (<c>BlobsParticipant</c>).
    /// </summary>
    private static async Task<int> DeleteBlobsAsync(EncryptedBlobStore? blobs, Guid workspaceId, List<string> catalogued, CancellationToken cancellationToken)
    {
        if (blobs is null)
        {
            return catalogued.Count == 0
                ? 0
                : throw new InvalidOperationException("The workspace has catalogued blobs but no blob store is configured.");
        }

        // List first, then delete: deleting while enumerating a folder or S3 page is not guaranteed to be stable.
        var names = new SortedSet<string>(catalogued, StringComparer.Ordinal);
        await foreach (var name in blobs.ListAsync(workspaceId, cancellationToken: cancellationToken))
        {
            names.Add(name);
        }

        foreach (var name in names)
        {
            await blobs.DeleteAsync(workspaceId, name, cancellationToken);
        }

        return names.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging workspace {WorkspaceId}: destroying keys, blobs and records")]
    private static partial void LogPurgeStarted(ILogger logger, Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId}: {KeyCount} key versions destroyed")]
    private static partial void LogKeysDestroyed(ILogger logger, Guid workspaceId, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId} purged; deletion certificate {CertificateId} sha256 {Sha256}")]
    private static partial void LogPurgeCompleted(ILogger logger, Guid workspaceId, Guid certificateId, string sha256);
}
