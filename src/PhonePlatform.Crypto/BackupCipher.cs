using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Envelope encryption for platform backups (database dumps, blob manifests). Every backup object gets a fresh data
/// key from the <see cref="IKeyProvider"/> bound to the reserved <see cref="PlatformBackupScope"/> (not to a
/// workspace), wrapped in the object's own header, so a restore needs the provider's master key and nothing from
/// the database it restores. Workspace data inside a dump stays encrypted under workspace keys: a workspace shredded
/// before the backup stays unreadable in it. Streams are chunked like blobs (memory is two chunks for any size);
/// tampering, truncation or another object's bytes fail with <see cref="DecryptionFailedException"/>.
/// </summary>
public sealed class BackupCipher(IKeyProvider provider, int chunkSize = BlobCipher.DefaultChunkSize)
{
    /// <summary>The key scope of backups: never a workspace id (UUIDv7 ids have version nibble 7; this one has 8).</summary>
    public static readonly Guid PlatformBackupScope = new("00000000-0000-8000-8000-0000000000b0");

    /// <summary>Returns a readable stream of the encrypted form of <paramref name="plaintext"/> stored as <paramref name="objectName"/>.</summary>
    public async Task<Stream> EncryptAsync(string objectName, Stream plaintext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        ArgumentNullException.ThrowIfNull(plaintext);
        using var dataKey = await provider.GenerateDataKeyAsync(PlatformBackupScope, cancellationToken);
        var header = BackupFormat.NewHeader(dataKey.WrappedKey, chunkSize);
        var cipher = BackupFormat.CreateCipher(dataKey.Plaintext.Span, header, objectName);
        return new EncryptingReadStream(plaintext, leaveOpen, cipher, header, chunkSize);
    }

    /// <summary>Returns a readable stream of the plaintext of an encrypted backup object; errors surface while reading.</summary>
    /// <exception cref="DecryptionFailedException">Not a backup, another object's bytes, or a key the provider does not unwrap.</exception>
    public async Task<Stream> DecryptAsync(string objectName, Stream ciphertext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        ArgumentNullException.ThrowIfNull(ciphertext);
        var header = await BackupFormat.ReadHeaderAsync(ciphertext, cancellationToken)
            ?? throw new DecryptionFailedException("Not an encrypted backup of a supported format.");
        using var dataKey = await provider.DecryptDataKeyAsync(PlatformBackupScope, BackupFormat.WrappedKey(header).ToArray(), cancellationToken);
        var cipher = BackupFormat.CreateCipher(dataKey.Span, header, objectName);
        return new DecryptingReadStream(ciphertext, leaveOpen, cipher, BackupFormat.ChunkSize(header));
    }
}
