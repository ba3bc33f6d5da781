using System.Buffers;

namespace PhonePlatform.Crypto;

/// <summary>Plaintext length and reads from an offset, for HTTP range requests.</summary>
public sealed partial class EncryptedBlobStore
{
    /// <summary>Plaintext length of a stored blob, from its stored size (counted by reading when the store cannot seek).</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    public async Task<long> GetLengthAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default)
    {
        await using var stored = await store.OpenReadAsync(StorageKey(workspaceId, name), cancellationToken);
        var header = new byte[BlobCipher.HeaderSize];
        var read = await stored.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var length = stored.CanSeek ? stored.Length : read + await CountRemainingAsync(stored, cancellationToken);
        var plaintext = BlobCipher.GetPlaintextLength(header.AsSpan(0, read), length);
        return plaintext >= 0 ? plaintext : throw new DecryptionFailedException($"Blob '{name}' is not an encrypted blob of a supported format.");
    }

    /// <summary>Opens a blob's plaintext from <paramref name="offset"/> (at most its length), without decrypting what precedes it.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    public async Task<Stream> OpenReadAsync(Guid workspaceId, string name, long offset, CancellationToken cancellationToken = default)
    {
        var stored = await store.OpenReadAsync(StorageKey(workspaceId, name), cancellationToken);
        try
        {
            return await cipher.DecryptFromAsync(workspaceId, name, stored, offset, leaveOpen: false, cancellationToken);
        }
        catch
        {
            await stored.DisposeAsync();
            throw;
        }
    }

    private static async Task<long> CountRemainingAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
