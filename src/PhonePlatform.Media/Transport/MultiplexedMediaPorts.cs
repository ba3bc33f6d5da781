using System.Net;

namespace PhonePlatform.Media.Transport;

/// <summary>
/// A few UDP ports (one per receive thread by default) shared by every WebRTC leg of the process instead of one port
/// per leg, so one recvmmsg takes datagrams of many calls and replies leave in sendmmsg batches. Each datagram is
/// routed to its leg (RFC 7983 demultiplexing on one socket): a STUN check by the local ufrag in its USERNAME
/// (RFC 8445 §7.2.2), everything else by the source address that passed that leg's ICE check. A leg is assigned one
/// of the ports round-robin; its host candidate carries that port. The ports live as long as the process.
/// </summary>
public sealed class MultiplexedMediaPorts : IAsyncDisposable
{
    private readonly Internal.MultiplexedMediaSocket[] sockets;
    private int next = -1;

    private MultiplexedMediaPorts(Internal.MultiplexedMediaSocket[] sockets) => this.sockets = sockets;

    /// <summary>The bound ports.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [.. sockets.Select(s => s.LocalEndPoint)];

    /// <summary>Datagrams that matched no leg (unknown ufrag or an address no leg validated), counted and dropped.</summary>
    public long NoRouteDropped => sockets.Sum(s => s.NoRouteDropped);

    /// <summary>
    /// Binds <paramref name="count"/> sockets (default: one per core) on <paramref name="address"/> with ports from
    /// <paramref name="ports"/>, read by <paramref name="receiver"/> (default: the process-wide one).
    /// </summary>
    public static MultiplexedMediaPorts Open(IPAddress address, MediaPortAllocator ports, int? count = null, MediaReceiver? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(ports);
        var sockets = new Internal.MultiplexedMediaSocket[Math.Max(1, count ?? Environment.ProcessorCount)];
        for (var i = 0; i < sockets.Length; i++)
        {
            sockets[i] = new Internal.MultiplexedMediaSocket(MediaSocket.Open(address, ports), receiver ?? MediaReceiver.Shared);
        }

        return new MultiplexedMediaPorts(sockets);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal Internal.MultiplexedMediaSocket Next() => sockets[(int)((uint)Interlocked.Increment(ref next) % (uint)sockets.Length)];
}
