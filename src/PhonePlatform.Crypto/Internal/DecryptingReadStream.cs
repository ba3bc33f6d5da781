using System.Buffers;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Pull-side decryption of an encrypted blob whose header was already read: yields plaintext one authenticated chunk
/// at a time (never unverified bytes), and fails on the first chunk that is out of place, missing or extra.
/// </summary>
internal sealed class DecryptingReadStream : ReadOnlyStream
{
    private readonly Stream source;
    private readonly bool leaveOpen;
    private readonly ChunkCipher cipher;
    private readonly int sealedChunkSize;
    private readonly byte[] input;
    private readonly byte[] plain;
    private int plainOffset;
    private int plainCount;
    private bool hasCarry;
    private bool finished;
    private bool disposed;

    public DecryptingReadStream(Stream source, bool leaveOpen, ChunkCipher cipher, int chunkSize)
    {
        this.source = source;
        this.leaveOpen = leaveOpen;
        this.cipher = cipher;
        sealedChunkSize = chunkSize + AesGcmLayout.TagSize;
        input = ArrayPool<byte>.Shared.Rent(sealedChunkSize + 1);
        plain = ArrayPool<byte>.Shared.Rent(chunkSize);
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (plainCount == 0 && !finished)
        {
            var start = hasCarry ? 1 : 0;
            var read = ReadFull(source, input.AsSpan(start, sealedChunkSize + 1 - start));
            if (buffer.Length >= sealedChunkSize - AesGcmLayout.TagSize)
            {
                var direct = OpenChunk(start + read, buffer);
                if (direct > 0 || finished)
                {
                    return direct;
                }

                continue;
            }

            plainOffset = 0;
            plainCount = OpenChunk(start + read, plain);
        }

        return Drain(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (plainCount == 0 && !finished)
        {
            var start = hasCarry ? 1 : 0;
            var read = await ReadFullAsync(source, input.AsMemory(start, sealedChunkSize + 1 - start), cancellationToken);
            if (buffer.Span.Length >= sealedChunkSize - AesGcmLayout.TagSize)
            {
                var direct = OpenChunk(start + read, buffer.Span);
                if (direct > 0 || finished)
                {
                    return direct;
                }

                continue;
            }

            plainOffset = 0;
            plainCount = OpenChunk(start + read, plain);
        }

        return Drain(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            cipher.Dispose();
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            if (!leaveOpen)
            {
                source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Authenticates and decrypts the buffered chunk into <paramref name="destination"/> (the caller's buffer when it
    /// is large enough; AES-GCM releases nothing there unless the tag verifies).
    /// </summary>
    private int OpenChunk(int available, Span<byte> destination)
    {
        // A full chunk followed by at least one more byte is not the last; anything shorter is.
        var last = available <= sealedChunkSize;
        var length = last ? available : sealedChunkSize;
        cipher.Open(input.AsSpan(0, length), destination, last);
        finished = last;
        hasCarry = !last;
        if (hasCarry)
        {
            input[0] = input[sealedChunkSize];
        }

        return length - AesGcmLayout.TagSize;
    }

    private int Drain(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, plainCount);
        plain.AsSpan(plainOffset, count).CopyTo(buffer);
        plainOffset += count;
        plainCount -= count;
        return count;
    }
}
