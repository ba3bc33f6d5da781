using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Transport.Internal;

namespace PhonePlatform.Media.Transport;

/// <summary>
/// Receives one datagram. <paramref name="buffer"/> holds it at offset 0 with at least
/// <see cref="MediaReceiver.BufferLength"/> octets of room (SRTP protects in place); <paramref name="source"/> is reused
/// for the next datagram: copy it to keep it. Both are valid only during the call.
/// </summary>
public delegate void DatagramHandler(byte[] buffer, int length, SocketAddress source);

/// <summary>
/// Runs the receive side of media sockets. On Linux x86-64 a few dedicated threads (one per core) wait on epoll for
/// all sockets and take each ready socket's queued datagrams with one recvmmsg: no async machinery, no thread-pool hop,
/// no per-packet allocation. Elsewhere each socket gets an async receive loop. Handlers run on the receive thread, must
/// not block, and a handler that throws loses that datagram only (counted in <see cref="HandlerFaults"/>).
/// </summary>
public abstract class MediaReceiver
{
    /// <summary>Room in every receive buffer: a full Ethernet datagram plus SRTP's protect overhead.</summary>
    public const int BufferLength = 2048;

    private static readonly Lazy<MediaReceiver> SharedInstance = new(() => Create(DefaultKind()));
    private long handlerFaults;

    /// <summary>The process-wide receiver (<c>PHONEPLATFORM_MEDIA_RECEIVER=async|epoll</c> overrides the choice).</summary>
    public static MediaReceiver Shared => SharedInstance.Value;

    /// <summary>Datagrams whose handler threw; the socket went on receiving.</summary>
    public long HandlerFaults => Interlocked.Read(ref handlerFaults);

    /// <summary>Creates a receiver of the given kind; <see cref="MediaReceiverKind.Epoll"/> falls back to async where unsupported.</summary>
    public static MediaReceiver Create(MediaReceiverKind kind) =>
        kind == MediaReceiverKind.Epoll && LinuxSockets.IsSupported
            ? new EpollMediaReceiver(Environment.ProcessorCount)
            : new AsyncMediaReceiver();

    /// <summary>
    /// Starts delivering what <paramref name="socket"/> receives to <paramref name="handler"/>. Disposing the
    /// registration stops it: once that completes the handler is not called again and the socket may be closed.
    /// </summary>
    public abstract IAsyncDisposable Register(Socket socket, DatagramHandler handler);

    private protected void Deliver(DatagramHandler handler, byte[] buffer, int length, SocketAddress source)
    {
        try
        {
            handler(buffer, length, source);
        }
#pragma warning disable CA1031 // one bad datagram must not end the receive thread of every other leg
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref handlerFaults);
        }
    }

    private static MediaReceiverKind DefaultKind() =>
        Environment.GetEnvironmentVariable("PHONEPLATFORM_MEDIA_RECEIVER") is "async" ? MediaReceiverKind.Async : MediaReceiverKind.Epoll;
}

/// <summary>How a <see cref="MediaReceiver"/> waits for datagrams.</summary>
public enum MediaReceiverKind
{
    /// <summary>One async receive loop per socket (portable).</summary>
    Async,

    /// <summary>epoll + recvmmsg on dedicated threads (Linux x86-64).</summary>
    Epoll,
}
