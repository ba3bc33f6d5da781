using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// The RTCP port of a plain RTP leg without rtcp-mux (RFC 3550 §11: RTP port + 1 on both sides). Reports go to the
/// peer's RTP port + 1 until RTCP arrives from somewhere else, then to that source (symmetric, like the RTP side).
/// </summary>
internal sealed class RtcpPort : IAsyncDisposable
{
    private readonly MediaSocket socket;
    private readonly IAsyncDisposable receiving;
    private readonly Action<ReadOnlyMemory<byte>> deliver;
    private readonly IPEndPoint sourceTemplate;
    private IPEndPoint? remote;

    private RtcpPort(MediaSocket socket, MediaReceiver receiver, Action<ReadOnlyMemory<byte>> deliver)
    {
        this.socket = socket;
        this.deliver = deliver;
        sourceTemplate = new IPEndPoint(socket.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        receiving = receiver.Register(socket.Socket, OnDatagram);
    }

    /// <summary>Opens the port above <paramref name="rtp"/>; null when it is taken.</summary>
    public static RtcpPort? TryOpen(MediaSocket rtp, MediaReceiver receiver, Action<ReadOnlyMemory<byte>> deliver) =>
        MediaSocket.TryOpenRtcpFor(rtp) is { } socket ? new RtcpPort(socket, receiver, deliver) : null;

    /// <summary>Where the peer's RTP comes from or goes to; its RTCP is expected one port higher.</summary>
    public void OnRemoteRtp(IPEndPoint rtp)
    {
        if (Volatile.Read(ref remote) is null && rtp.Port < IPEndPoint.MaxPort)
        {
            Volatile.Write(ref remote, new IPEndPoint(rtp.Address, rtp.Port + 1));
        }
    }

    public bool Send(ReadOnlySpan<byte> compound) => Volatile.Read(ref remote) is { } target && socket.TrySend(compound, target);

    public async ValueTask DisposeAsync()
    {
        await receiving.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
    }

    private void OnDatagram(byte[] buffer, int length, SocketAddress from)
    {
        var current = Volatile.Read(ref remote);
        if (current is null || !current.Serialize().Equals(from))
        {
            Volatile.Write(ref remote, (IPEndPoint)sourceTemplate.Create(from));
        }

        deliver(buffer.AsMemory(0, length));
    }
}
