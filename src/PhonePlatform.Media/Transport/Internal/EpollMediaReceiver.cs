using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// The Linux receiver: <see cref="EpollPoller"/> threads, one per core, each owning the sockets registered on it
/// (round-robin), so every socket is read by exactly one thread and its handler never runs concurrently with itself.
/// </summary>
internal sealed class EpollMediaReceiver : MediaReceiver
{
    private readonly EpollPoller[] pollers;
    private int next = -1;

    public EpollMediaReceiver(int threads)
    {
        pollers = new EpollPoller[Math.Max(1, threads)];
        for (var i = 0; i < pollers.Length; i++)
        {
            pollers[i] = new EpollPoller(this, i);
        }
    }

    public override IAsyncDisposable Register(Socket socket, DatagramHandler handler)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(handler);
        var poller = pollers[(int)((uint)Interlocked.Increment(ref next) % (uint)pollers.Length)];
        return poller.Add(socket, handler);
    }

    internal void DeliverOnPoller(DatagramHandler handler, byte[] buffer, int length, SocketAddress source) =>
        Deliver(handler, buffer, length, source);
}
