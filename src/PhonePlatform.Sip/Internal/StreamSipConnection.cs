using System.Buffers;
using System.Net;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Internal;

/// <summary>One TCP or TLS connection: reads framed messages, serialises writes.</summary>
internal sealed class StreamSipConnection : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly CancellationTokenSource closing = new();

    public StreamSipConnection(long id, Stream stream, IPEndPoint remote, SipTransportKind kind)
    {
        Id = id;
        this.stream = stream;
        Remote = remote;
        EndPoint = new SipEndPoint(kind, remote, id);
    }

    public long Id { get; }

    public IPEndPoint Remote { get; }

    public SipEndPoint EndPoint { get; }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(data, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Reads until the peer closes or framing fails; each complete message goes to <paramref name="deliver"/>.</summary>
    public async Task ReadLoopAsync(int maxMessageSize, Func<SipEndPoint, ReadOnlyMemory<byte>, ValueTask> deliver)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxMessageSize, 16 * 1024) + 1024);
        var filled = 0;
        try
        {
            while (!closing.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= maxMessageSize + 1024)
                    {
                        return;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageSize + 1024));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), closing.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var offset = 0;
                while (true)
                {
                    var kind = SipStreamFramer.Next(buffer.AsSpan(offset, filled - offset), maxMessageSize, out var consumed, out var length);
                    if (kind == SipFrameKind.NeedMore)
                    {
                        break;
                    }

                    if (kind == SipFrameKind.Invalid)
                    {
                        return;
                    }

                    if (kind == SipFrameKind.KeepAlivePing)
                    {
                        // RFC 5626 §4.4.1: answer the CRLFCRLF ping with a CRLF pong.
                        await SendAsync("\r\n"u8.ToArray(), closing.Token);
                    }
                    else if (kind == SipFrameKind.Message)
                    {
                        await deliver(EndPoint, buffer.AsMemory(offset, length));
                    }

                    offset += consumed;
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await stream.DisposeAsync();
        writeLock.Dispose();
        closing.Dispose();
    }
}
