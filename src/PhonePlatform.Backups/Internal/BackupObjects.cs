using System.Security.Cryptography;
using System.Text.Json;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups.Internal;

/// <summary>Writes and reads the encrypted objects of one backup in the blob store.</summary>
internal sealed class BackupObjects(IBlobStore store, BackupCipher cipher)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PutAsync(string key, Stream plaintext, CancellationToken cancellationToken)
    {
        // The store key is bound into the encryption: a dump moved to another backup's name does not decrypt.
        await using var encrypted = await cipher.EncryptAsync(key, plaintext, leaveOpen: true, cancellationToken);
        await store.PutAsync(key, encrypted, cancellationToken);
    }

    public async Task<Stream> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.OpenReadAsync(key, cancellationToken);
        try
        {
            return await cipher.DecryptAsync(key, stored, leaveOpen: false, cancellationToken);
        }
        catch
        {
            await stored.DisposeAsync();
            throw;
        }
    }

    public async Task PutManifestAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        await PutAsync(BackupLayout.Key(manifest.Id, BackupLayout.ManifestObject), json, cancellationToken);
    }

    public async Task<BackupManifest> ReadManifestAsync(string backupId, CancellationToken cancellationToken)
    {
        await using var json = await OpenAsync(BackupLayout.Key(backupId, BackupLayout.ManifestObject), cancellationToken);
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(json, Json, cancellationToken)
            ?? throw new BackupException($"Backup {backupId} has an empty manifest.");
        return manifest.Id == backupId ? manifest : throw new BackupException($"Backup {backupId} holds the manifest of {manifest.Id}.");
    }

    /// <summary>Decrypts the dump into <paramref name="file"/> and checks it against the manifest's digest.</summary>
    public async Task DownloadDatabaseAsync(BackupManifest manifest, string file, CancellationToken cancellationToken)
    {
        await using (var plaintext = await OpenAsync(BackupLayout.Key(manifest.Id, BackupLayout.DatabaseObject), cancellationToken))
        await using (var output = new FileStream(file, FileMode.Truncate, FileAccess.Write))
        {
            await plaintext.CopyToAsync(output, cancellationToken);
        }

        var (sha256, length) = await HashFileAsync(file, cancellationToken);
        if (sha256 != manifest.DatabaseSha256 || length != manifest.DatabaseBytes)
        {
            throw new BackupException($"Backup {manifest.Id}: the database dump does not match its manifest.");
        }
    }

    public static async Task<(string Sha256, long Length)> HashFileAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)), stream.Length);
    }

    public static async Task<(string Sha256, long Length)> HashStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }
}
