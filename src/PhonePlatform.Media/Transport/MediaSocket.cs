using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Media.Transport;

/// <summary>
/// One UDP socket of one call leg, bound to a configured address and a port from the
/// <see cref="MediaPortAllocator"/>. The port goes back to the allocator on dispose.
/// </summary>
public sealed class MediaSocket : IDisposable
{
    private const int BindAttempts = 16;
    private readonly MediaPortAllocator? allocator;

    private MediaSocket(Socket socket, MediaPortAllocator? allocator, IPEndPoint local)
    {
        Socket = socket;
        this.allocator = allocator;
        LocalEndPoint = local;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The socket, for receive loops and sends.</summary>
    public Socket Socket { get; }

    /// <summary>
    /// Binds a socket on <paramref name="address"/> at the next free port; ports that another process holds are
    /// skipped (released again) up to a few attempts.
    /// </summary>
    public static MediaSocket Open(IPAddress address, MediaPortAllocator allocator)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(allocator);
        for (var attempt = 0; attempt < BindAttempts; attempt++)
        {
            if (!allocator.TryAllocate(out var port))
            {
                break;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(address, port));
                return new MediaSocket(socket, allocator, (IPEndPoint)socket.LocalEndPoint!);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                socket.Dispose();
                allocator.Release(port);
            }
        }

        throw new InvalidOperationException("No free media port in the configured range.");
    }

    /// <summary>
    /// Binds the RTCP port of an RTP socket (RFC 3550 §11: the next higher, odd port, which the allocator keeps free);
    /// null when another process holds it.
    /// </summary>
    public static MediaSocket? TryOpenRtcpFor(MediaSocket rtp)
    {
        ArgumentNullException.ThrowIfNull(rtp);
        var socket = new Socket(rtp.LocalEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(rtp.LocalEndPoint.Address, rtp.LocalEndPoint.Port + 1));
            return new MediaSocket(socket, null, (IPEndPoint)socket.LocalEndPoint!);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Sends one datagram; false when it could not be sent (UDP: a failed send is a lost packet).</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, EndPoint destination)
    {
        try
        {
            Socket.SendTo(datagram, SocketFlags.None, destination);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Socket.Dispose();
        allocator?.Release(LocalEndPoint.Port);
    }
}
