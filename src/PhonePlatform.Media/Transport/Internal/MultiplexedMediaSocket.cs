using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PhonePlatform.Media.Stun;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// One shared port of <see cref="MultiplexedMediaPorts"/>: routes each datagram to a leg's handler, STUN by the local
/// ufrag of its USERNAME, the rest by source address, and sends for the legs (batched on a receive thread).
/// </summary>
internal sealed class MultiplexedMediaSocket : IAsyncDisposable
{
    private const int MaxUfragLength = 256;

    // Many calls queue here while the receive thread is preempted: 4 MiB (the usual net.core.rmem_max) holds ~0.2 s of
    // 1,000 calls, where the 208 KiB default overflowed on a loaded machine.
    private const int SocketBuffer = 4 << 20;

    private readonly MediaSocket socket;
    private readonly int descriptor;
    private readonly IAsyncDisposable receiving;
    private readonly ConcurrentDictionary<string, MultiplexedRoute> byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MultiplexedRoute>.AlternateLookup<ReadOnlySpan<char>> byUfragSpan;
    private readonly ConcurrentDictionary<SocketAddress, MultiplexedRoute> bySource = new(SocketAddressContent.Instance);
    private long noRouteDropped;

    // Odd while a datagram is being routed and handled: a route being removed waits until the one in flight is done.
    private long delivering;

    public MultiplexedMediaSocket(MediaSocket socket, MediaReceiver receiver)
    {
        this.socket = socket;
        socket.Socket.ReceiveBufferSize = SocketBuffer;
        socket.Socket.SendBufferSize = SocketBuffer;
        descriptor = (int)socket.Socket.SafeHandle.DangerousGetHandle();
        byUfragSpan = byUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
        receiving = receiver.Register(socket.Socket, OnDatagram);
    }

    public IPEndPoint LocalEndPoint => socket.LocalEndPoint;

    public long NoRouteDropped => Interlocked.Read(ref noRouteDropped);

    /// <summary>Routes STUN checks for <paramref name="localUfrag"/> to <paramref name="handler"/> until disposed.</summary>
    public MultiplexedRoute Attach(string localUfrag, DatagramHandler handler)
    {
        var route = new MultiplexedRoute(this, localUfrag, handler);
        if (!byUfrag.TryAdd(localUfrag, route))
        {
            throw new InvalidOperationException("Another leg on this port has the same ICE ufrag.");
        }

        return route;
    }

    /// <summary>Sends one datagram; on a receive thread it joins that thread's sendmmsg batch.</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        if (SendBatch.Current is { } batch && batch.TryAdd(descriptor, datagram, destination))
        {
            return true;
        }

        try
        {
            socket.Socket.SendTo(datagram, SocketFlags.None, destination);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await receiving.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
    }

    internal void AddSource(SocketAddress source, MultiplexedRoute route) =>
        // The latest leg whose check passed from an address owns it (a browser reusing a port for a new call).
        bySource[source] = route;

    internal async ValueTask RemoveAsync(MultiplexedRoute route, IReadOnlyList<SocketAddress> sources)
    {
        byUfrag.TryRemove(KeyValuePair.Create(route.LocalUfrag, route));
        foreach (var source in sources)
        {
            bySource.TryRemove(KeyValuePair.Create(source, route));
        }

        // Pairs with the increment in OnDatagram (Dekker): either that lookup missed the route, or we see it in flight.
        Interlocked.MemoryBarrier();
        var seen = Interlocked.Read(ref delivering);
        while ((seen & 1) == 1 && Interlocked.Read(ref delivering) == seen)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    // On the receive thread of this socket, one datagram at a time.
    private void OnDatagram(byte[] buffer, int length, SocketAddress source)
    {
        Interlocked.Increment(ref delivering);
        try
        {
            var datagram = buffer.AsSpan(0, length);
            if (MediaPacketClassifier.Classify(datagram) == MediaPacketKind.Stun && TryFindByUfrag(datagram, out var byCheck))
            {
                byCheck.Handler(buffer, length, source);
            }
            else if (bySource.TryGetValue(source, out var bySourceRoute))
            {
                bySourceRoute.Handler(buffer, length, source);
            }
            else
            {
                Interlocked.Increment(ref noRouteDropped);
                MediaDrops.Count(MediaDropReason.NoRoute);
            }
        }
        finally
        {
            Interlocked.Increment(ref delivering);
        }
    }

    private bool TryFindByUfrag(ReadOnlySpan<byte> datagram, out MultiplexedRoute route)
    {
        route = null!;
        if (!StunMessage.TryParse(datagram, out var message) || !message.TryGetAttribute(StunAttributeType.Username, out var username))
        {
            return false;
        }

        // RFC 8445 §7.2.2: USERNAME is "<receiver's ufrag>:<sender's ufrag>"; the receiver is us.
        var colon = username.IndexOf((byte)':');
        var local = colon < 0 ? username : username[..colon];
        if (local.Length > MaxUfragLength)
        {
            return false;
        }

        Span<char> ufrag = stackalloc char[local.Length];
        return Ascii.ToUtf16(local, ufrag, out var written) == System.Buffers.OperationStatus.Done
            && byUfragSpan.TryGetValue(ufrag[..written], out route!);
    }
}
