using System.Buffers;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Pull-side encryption: reading it yields the encrypted blob of the plaintext <c>source</c>, one chunk buffered at
/// a time (memory is two chunks whatever the size). One byte of look-ahead tells whether a chunk is the last.
/// </summary>
internal sealed class EncryptingReadStream : ReadOnlyStream
{
    private readonly Stream source;
    private readonly bool leaveOpen;
    private readonly ChunkCipher cipher;
    private readonly int chunkSize;
    private readonly byte[] plain;
    private readonly byte[] output;
    private int outputOffset;
    private int outputCount;
    private bool hasCarry;
    private bool finished;
    private bool disposed;

    public EncryptingReadStream(Stream source, bool leaveOpen, ChunkCipher cipher, byte[] header, int chunkSize)
    {
        this.source = source;
        this.leaveOpen = leaveOpen;
        this.cipher = cipher;
        this.chunkSize = chunkSize;
        plain = ArrayPool<byte>.Shared.Rent(chunkSize + 1);
        output = ArrayPool<byte>.Shared.Rent(Math.Max(chunkSize + AesGcmLayout.TagSize, header.Length));
        header.CopyTo(output, 0);
        outputCount = header.Length;
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (outputCount == 0 && !finished)
        {
            var start = hasCarry ? 1 : 0;
            var read = ReadFull(source, plain.AsSpan(start, chunkSize + 1 - start));
            if (buffer.Length >= chunkSize + AesGcmLayout.TagSize)
            {
                return SealChunk(start + read, buffer);
            }

            outputOffset = 0;
            outputCount = SealChunk(start + read, output);
        }

        return Drain(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (outputCount == 0 && !finished)
        {
            var start = hasCarry ? 1 : 0;
            var read = await ReadFullAsync(source, plain.AsMemory(start, chunkSize + 1 - start), cancellationToken);
            if (buffer.Length >= chunkSize + AesGcmLayout.TagSize)
            {
                return SealChunk(start + read, buffer.Span);
            }

            outputOffset = 0;
            outputCount = SealChunk(start + read, output);
        }

        return Drain(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            cipher.Dispose();
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            ArrayPool<byte>.Shared.Return(output);
            if (!leaveOpen)
            {
                source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Seals the buffered chunk into <paramref name="destination"/> (the caller's buffer when it is large enough, saving a copy).</summary>
    private int SealChunk(int available, Span<byte> destination)
    {
        var last = available <= chunkSize;
        var length = last ? available : chunkSize;
        cipher.Seal(plain.AsSpan(0, length), destination, last);
        finished = last;
        hasCarry = !last;
        if (hasCarry)
        {
            plain[0] = plain[chunkSize];
        }

        return length + AesGcmLayout.TagSize;
    }

    private int Drain(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, outputCount);
        output.AsSpan(outputOffset, count).CopyTo(buffer);
        outputOffset += count;
        outputCount -= count;
        return count;
    }
}
