using System.Buffers;
using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace PhonePlatform.Media.Dtls.Internal;

/// <summary>
/// BouncyCastle's datagram transport over the shared media socket: the demultiplexer pushes DTLS datagrams in,
/// BouncyCastle's blocking <c>Receive</c> takes them out (copying at the offset it gives), and sends go out
/// through the leg's socket to the peer.
/// </summary>
// The SemaphoreSlim never creates its wait handle (AvailableWaitHandle is not used), so there is nothing to dispose;
// disposing it while BouncyCastle's thread may still wait on it would only add a race.
#pragma warning disable CA1001
internal sealed class DtlsDatagramQueue : DatagramTransport
{
    private const int MaxQueued = 64;
    private const int ReceiveLimit = 1500;

    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> inbound = new();
    private readonly SemaphoreSlim available = new(0);
    private readonly DtlsDatagramSender send;
    private readonly int sendLimit;
    private volatile bool closed;

    public DtlsDatagramQueue(DtlsDatagramSender send, int sendLimit)
    {
        this.send = send;
        this.sendLimit = sendLimit;
    }

    /// <summary>Datagrams dropped because the queue was full or closed.</summary>
    public long Dropped { get; private set; }

    /// <summary>Datagrams waiting for BouncyCastle.</summary>
    public int Count => inbound.Count;

    public bool Enqueue(ReadOnlySpan<byte> datagram)
    {
        if (closed || datagram.Length > ReceiveLimit || inbound.Count >= MaxQueued)
        {
            Dropped++;
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer);
        inbound.Enqueue((buffer, datagram.Length));
        available.Release();
        return true;
    }

    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (closed)
        {
            throw new IOException("the DTLS transport is closed");
        }

        // BouncyCastle calls this on its own handshake thread and expects a blocking wait; -1 means timeout.
        if (!available.Wait(Math.Max(waitMillis, 0)) || !inbound.TryDequeue(out var item))
        {
            return closed ? throw new IOException("the DTLS transport is closed") : -1;
        }

        var length = Math.Min(item.Length, buffer.Length);
        item.Buffer.AsSpan(0, length).CopyTo(buffer);
        ArrayPool<byte>.Shared.Return(item.Buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (!closed)
        {
            send(buffer);
        }
    }

    public void Close()
    {
        closed = true;
        available.Release();
    }
}

#pragma warning restore CA1001

/// <summary>Sends one DTLS datagram to the peer.</summary>
internal delegate void DtlsDatagramSender(ReadOnlySpan<byte> datagram);
