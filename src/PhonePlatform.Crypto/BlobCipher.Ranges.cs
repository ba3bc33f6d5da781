using System.Buffers;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>Random access into encrypted blobs (HTTP range requests on recordings and voicemail).</summary>
public sealed partial class BlobCipher
{
    /// <summary>
    /// Plaintext length of an encrypted blob, from its header and total ciphertext length (every chunk but the last
    /// is full, each carries one tag). Not authenticated by itself: reading the blob's end is.
    /// </summary>
    /// <returns>The length, or -1 when the header or length is not of a valid blob.</returns>
    public static long GetPlaintextLength(ReadOnlySpan<byte> header, long ciphertextLength)
    {
        if (!BlobFormat.TryParse(header, out _, out var chunkSize) || ciphertextLength < BlobFormat.HeaderSize + AesGcmLayout.TagSize)
        {
            return -1;
        }

        long sealedChunk = chunkSize + AesGcmLayout.TagSize;
        var body = ciphertextLength - BlobFormat.HeaderSize;
        var chunks = (body + sealedChunk - 1) / sealedChunk;
        var lastSealed = body - ((chunks - 1) * sealedChunk);
        return lastSealed < AesGcmLayout.TagSize ? -1 : body - (chunks * AesGcmLayout.TagSize);
    }

    /// <summary>
    /// Like <see cref="DecryptAsync"/>, but the plaintext starts at <paramref name="plaintextOffset"/>. Chunks are
    /// independently authenticated (their index is in the nonce), so the chunks before the one holding the offset are
    /// seeked over when <paramref name="ciphertext"/> can seek, and read past without decrypting when it cannot; at
    /// most one chunk is decrypted and discarded. The offset must not exceed the plaintext length.
    /// </summary>
    public async ValueTask<Stream> DecryptFromAsync(
        Guid workspaceId, string blobName, Stream ciphertext, long plaintextOffset, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextOffset);
        var header = new byte[BlobFormat.HeaderSize];
        var read = await ciphertext.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < header.Length || !BlobFormat.TryParse(header, out var version, out var blobChunkSize))
        {
            throw new DecryptionFailedException("Not an encrypted blob of a supported format.");
        }

        // An offset on a chunk boundary starts at the end of the previous chunk, so the offset at the very end of a
        // blob of whole chunks still names a chunk that exists.
        var chunk = plaintextOffset == 0 ? 0 : (plaintextOffset - 1) / blobChunkSize;
        if (chunk >= uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintextOffset), "Offset beyond the largest blob.");
        }

        var within = (int)(plaintextOffset - (chunk * blobChunkSize));
        await SkipAsync(ciphertext, chunk * (blobChunkSize + (long)AesGcmLayout.TagSize), cancellationToken);

        using var lease = await keyring.AcquireVersionAsync(workspaceId, KeyPurpose.Data, version, cancellationToken);
        var cipher = new ChunkCipher(BlobFormat.CreateBlobCipher(lease.Key, header, workspaceId, blobName), header, (uint)chunk);
        var plaintext = new DecryptingReadStream(ciphertext, leaveOpen, cipher, blobChunkSize);
        try
        {
            await SkipAsync(plaintext, within, cancellationToken);
            return plaintext;
        }
        catch
        {
            await plaintext.DisposeAsync();
            throw;
        }
    }

    private static async ValueTask SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                if (read == 0)
                {
                    throw new DecryptionFailedException("Encrypted blob is shorter than the requested offset.");
                }

                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
