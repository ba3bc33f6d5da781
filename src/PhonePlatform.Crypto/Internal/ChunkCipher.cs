using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Internal;

/// <summary>Seals or opens the chunks of one blob in order, deriving each nonce from the prefix, counter and last flag.</summary>
internal sealed class ChunkCipher : IDisposable
{
    private readonly AesGcm aes;
    private readonly byte[] header;
    private readonly byte[] nonce = new byte[AesGcmLayout.NonceSize];
    private uint counter;
    private bool lastDone;

    /// <param name="firstChunk">Index of the first chunk to process (non-zero when reading from the middle of a blob).</param>
    public ChunkCipher(AesGcm aes, byte[] header, uint firstChunk = 0)
        : this(aes, header, BlobFormat.NoncePrefix(header), firstChunk)
    {
    }

    /// <param name="aes">The per-object cipher.</param>
    /// <param name="header">Associated data of every chunk.</param>
    /// <param name="noncePrefix">The 7 random bytes in front of each chunk's counter and last flag.</param>
    /// <param name="firstChunk">Index of the first chunk to process.</param>
    public ChunkCipher(AesGcm aes, byte[] header, ReadOnlySpan<byte> noncePrefix, uint firstChunk = 0)
    {
        this.aes = aes;
        this.header = header;
        counter = firstChunk;
        noncePrefix[..BlobFormat.NoncePrefixSize].CopyTo(nonce);
    }

    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> output, bool last)
    {
        NextNonce(last);
        aes.Encrypt(nonce, plaintext, output[..plaintext.Length], output.Slice(plaintext.Length, AesGcmLayout.TagSize), header);
    }

    /// <exception cref="DecryptionFailedException">The chunk is not the one expected at this position.</exception>
    public void Open(ReadOnlySpan<byte> chunk, Span<byte> plaintext, bool last)
    {
        if (chunk.Length < AesGcmLayout.TagSize)
        {
            throw new DecryptionFailedException("Encrypted blob is truncated.");
        }

        NextNonce(last);
        var length = chunk.Length - AesGcmLayout.TagSize;
        try
        {
            aes.Decrypt(nonce, chunk[..length], chunk[length..], plaintext[..length], header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new DecryptionFailedException(
                $"Encrypted blob chunk {counter - 1} failed authentication: tampered, truncated, reordered, extended, or another blob.");
        }
    }

    public void Dispose() => aes.Dispose();

    private void NextNonce(bool last)
    {
        if (lastDone)
        {
            throw new InvalidOperationException("The last chunk was already processed.");
        }

        if (counter == uint.MaxValue)
        {
            throw new InvalidOperationException("Blob exceeds 2^32 - 1 chunks.");
        }

        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(BlobFormat.NoncePrefixSize), counter);
        nonce[^1] = last ? (byte)1 : (byte)0;
        counter++;
        lastDone = last;
    }
}
