using PhonePlatform.Backups.Internal;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups;

/// <summary>
/// Restores a backup's database into an existing empty database (<c>pg_restore</c>, one transaction), after
/// checking that the decrypted dump matches its manifest. Blobs are not copied: they never left the blob store.
/// </summary>
public sealed class RestoreBackup(IBlobStore store, BackupCipher cipher, BackupOptions options)
{
    private readonly BackupObjects objects = new(store, cipher);
    private readonly PostgresTools tools = new(options);

    public Task<BackupManifest> ReadManifestAsync(string backupId, CancellationToken cancellationToken = default) =>
        objects.ReadManifestAsync(backupId, cancellationToken);

    public async Task<BackupManifest> ExecuteAsync(string backupId, string targetConnectionString, CancellationToken cancellationToken = default)
    {
        var manifest = await objects.ReadManifestAsync(backupId, cancellationToken);
        using var dump = new TempFile(".dump");
        await objects.DownloadDatabaseAsync(manifest, dump.Path, cancellationToken);
        await tools.RestoreAsync(targetConnectionString, dump.Path, cancellationToken);
        return manifest;
    }
}
