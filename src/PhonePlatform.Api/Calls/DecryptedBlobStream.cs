using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Calls;

/// <summary>
/// A seekable, read-only view of an encrypted blob's plaintext, so ASP.NET's range processing (206, 416,
/// <c>If-Range</c>) can serve it. A seek only moves the position; the next read opens the blob at that offset,
/// which skips the chunks before it without decrypting them. Memory stays at two chunks whatever the blob size.
/// </summary>
internal sealed class DecryptedBlobStream(EncryptedBlobStore blobs, Guid workspaceId, string name, long length) : Stream
{
    private Stream? current;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, length, nameof(offset));
        if (target != position)
        {
            current?.Dispose();
            current = null;
            position = target;
        }

        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        current ??= await blobs.OpenReadAsync(workspaceId, name, position, cancellationToken);
        var read = await current.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - position)], cancellationToken);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The response pipeline reads asynchronously; synchronous reads would block a thread on blob I/O.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            current?.Dispose();
            current = null;
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
            current = null;
        }

        await base.DisposeAsync();
    }
}
