using System.Buffers;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Push-side encryption: plaintext written to it goes to <c>destination</c> as an encrypted blob, one chunk at a time.
/// A full chunk is held back until more data arrives (or disposal), because only then is it known whether it is
/// the last. Dispose (or <see cref="Stream.DisposeAsync"/>) writes the final chunk; without it the blob is incomplete
/// and will not decrypt.
/// </summary>
internal sealed class EncryptingWriteStream : Stream
{
    private readonly Stream destination;
    private readonly bool leaveOpen;
    private readonly ChunkCipher cipher;
    private readonly byte[] header;
    private readonly int chunkSize;
    private readonly byte[] plain;
    private readonly byte[] output;
    private int plainCount;
    private bool headerWritten;
    private bool disposed;

    public EncryptingWriteStream(Stream destination, bool leaveOpen, ChunkCipher cipher, byte[] header, int chunkSize)
    {
        this.destination = destination;
        this.leaveOpen = leaveOpen;
        this.cipher = cipher;
        this.header = header;
        this.chunkSize = chunkSize;
        plain = ArrayPool<byte>.Shared.Rent(chunkSize);
        output = ArrayPool<byte>.Shared.Rent(chunkSize + AesGcmLayout.TagSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (!buffer.IsEmpty)
        {
            if (plainCount == chunkSize)
            {
                WriteChunk(last: false);
            }

            var count = Math.Min(buffer.Length, chunkSize - plainCount);
            buffer[..count].CopyTo(plain.AsSpan(plainCount));
            plainCount += count;
            buffer = buffer[count..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (!buffer.IsEmpty)
        {
            if (plainCount == chunkSize)
            {
                await WriteChunkAsync(last: false, cancellationToken);
            }

            var count = Math.Min(buffer.Length, chunkSize - plainCount);
            buffer.Span[..count].CopyTo(plain.AsSpan(plainCount));
            plainCount += count;
            buffer = buffer[count..];
        }
    }

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            try
            {
                await WriteChunkAsync(last: true, CancellationToken.None);
                await destination.FlushAsync();
            }
            finally
            {
                Release();
                if (!leaveOpen)
                {
                    await destination.DisposeAsync();
                }
            }
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            try
            {
                WriteChunk(last: true);
                destination.Flush();
            }
            finally
            {
                Release();
                if (!leaveOpen)
                {
                    destination.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    private void WriteChunk(bool last)
    {
        if (!headerWritten)
        {
            destination.Write(header);
            headerWritten = true;
        }

        var length = SealChunk(last);
        destination.Write(output, 0, length);
    }

    private async ValueTask WriteChunkAsync(bool last, CancellationToken cancellationToken)
    {
        if (!headerWritten)
        {
            await destination.WriteAsync(header, cancellationToken);
            headerWritten = true;
        }

        var length = SealChunk(last);
        await destination.WriteAsync(output.AsMemory(0, length), cancellationToken);
    }

    private int SealChunk(bool last)
    {
        cipher.Seal(plain.AsSpan(0, plainCount), output, last);
        var length = plainCount + AesGcmLayout.TagSize;
        plainCount = 0;
        return length;
    }

    private void Release()
    {
        disposed = true;
        cipher.Dispose();
        ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        ArrayPool<byte>.Shared.Return(output);
    }
}
