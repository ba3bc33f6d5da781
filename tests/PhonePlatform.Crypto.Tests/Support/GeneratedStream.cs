using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Tests.Support;

/// <summary>
/// A non-seekable stream of <c>length</c> pseudo-random bytes made on the fly (xorshift64), hashing what it hands out,
/// so a test can push gigabytes through a pipeline without holding them.
/// </summary>
public sealed class GeneratedStream : Stream
{
    private readonly long length;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;
    private ulong state;

    public GeneratedStream(long length, ulong seed = 0x9E3779B97F4A7C15)
    {
        this.length = length;
        state = seed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 of every byte handed out so far.</summary>
    public byte[] GetHashOfProduced() => hash.GetCurrentHash();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length & ~7, length - position);
        if (count == 0 && buffer.Length > 0 && position < length)
        {
            count = (int)Math.Min(buffer.Length, length - position);
        }

        var span = buffer[..count];
        var i = 0;
        for (; i + 8 <= span.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[i..], Next());
        }

        for (; i < span.Length; i++)
        {
            span[i] = (byte)Next();
        }

        hash.AppendData(span);
        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private ulong Next()
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
}
