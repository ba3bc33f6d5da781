using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Streams blobs (recordings, voicemail, exports) through AES-256-GCM in fixed-size chunks, with memory bounded by
/// two chunks whatever the blob size. Reordered, truncated or extended ciphertext, or a blob presented under another
/// workspace or name, fails with <see cref="DecryptionFailedException"/>. Layout: see <c>Internal/BlobFormat.cs</c>.
/// </summary>
public sealed partial class BlobCipher
{
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>Size of the header in front of every encrypted blob.</summary>
    public const int HeaderSize = BlobFormat.HeaderSize;

    private readonly WorkspaceKeyring keyring;
    private readonly int chunkSize;

    public BlobCipher(WorkspaceKeyring keyring, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, BlobFormat.MinChunkSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, BlobFormat.MaxChunkSize);
        this.keyring = keyring;
        this.chunkSize = chunkSize;
    }

    /// <summary>Plaintext bytes per chunk written by this instance (readers take it from the header).</summary>
    public int ChunkSize => chunkSize;

    /// <summary>Ciphertext length of a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public long GetCiphertextLength(long plaintextLength) => BlobFormat.CiphertextLength(plaintextLength, chunkSize);

    /// <summary>Key version named by an encrypted blob's header, or -1 when the header is malformed.</summary>
    public static int GetKeyVersion(ReadOnlySpan<byte> header) =>
        BlobFormat.TryParse(header, out var version, out _) ? version : -1;

    /// <summary>
    /// Returns a readable stream of the encrypted blob of <paramref name="plaintext"/> (pull: suits uploads),
    /// under the workspace's current key.
    /// </summary>
    public async ValueTask<Stream> EncryptAsync(Guid workspaceId, string blobName, Stream plaintext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var (cipher, header) = await CreateSealerAsync(workspaceId, blobName, cancellationToken);
        return new EncryptingReadStream(plaintext, leaveOpen, cipher, header, chunkSize);
    }

    /// <summary>
    /// Returns a writable stream that encrypts into <paramref name="ciphertext"/> (push: suits recorders).
    /// Dispose it to write the final chunk.
    /// </summary>
    public async ValueTask<Stream> CreateEncryptingWriterAsync(Guid workspaceId, string blobName, Stream ciphertext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var (cipher, header) = await CreateSealerAsync(workspaceId, blobName, cancellationToken);
        return new EncryptingWriteStream(ciphertext, leaveOpen, cipher, header, chunkSize);
    }

    /// <summary>
    /// Reads the header of <paramref name="ciphertext"/>, loads the key it names and returns a readable stream of the
    /// plaintext. Errors in the body surface while reading, before any unauthenticated byte is returned.
    /// </summary>
    public async ValueTask<Stream> DecryptAsync(Guid workspaceId, string blobName, Stream ciphertext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        var header = new byte[BlobFormat.HeaderSize];
        var read = await ciphertext.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < header.Length || !BlobFormat.TryParse(header, out var version, out var blobChunkSize))
        {
            throw new DecryptionFailedException("Not an encrypted blob of a supported format.");
        }

        using var lease = await keyring.AcquireVersionAsync(workspaceId, KeyPurpose.Data, version, cancellationToken);
        var cipher = new ChunkCipher(BlobFormat.CreateBlobCipher(lease.Key, header, workspaceId, blobName), header);
        return new DecryptingReadStream(ciphertext, leaveOpen, cipher, blobChunkSize);
    }

    private async ValueTask<(ChunkCipher Cipher, byte[] Header)> CreateSealerAsync(Guid workspaceId, string blobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        using var lease = await keyring.AcquireCurrentAsync(workspaceId, KeyPurpose.Data, cancellationToken);
        var header = BlobFormat.NewHeader(lease.Version, chunkSize);
        return (new ChunkCipher(BlobFormat.CreateBlobCipher(lease.Key, header, workspaceId, blobName), header), header);
    }
}
