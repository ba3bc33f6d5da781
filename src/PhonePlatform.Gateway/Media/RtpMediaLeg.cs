using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// A plain <c>RTP/AVP</c> leg (trunks, UDP softphones) on one <see cref="MediaSocket"/>. Symmetric RTP
/// (RFC 4961): once packets arrive, replies go to their source, which also gets through NATs.
/// </summary>
public sealed class RtpMediaLeg : MediaLeg, IOfferingMediaLeg
{
    private readonly MediaSocket socket;
    private RtpLocalDescription local;
    private readonly IPEndPoint sourceTemplate;
    private SdpSession localDescription;
    private SdpNegotiation? negotiation;
    private IPEndPoint? remote;
    private IAsyncDisposable? receiving;
    private RtcpPort? rtcpPort;
    private long malformedDropped;
    private SocketAddress? lastAddress;
    private IPEndPoint? lastSource;

    private RtpMediaLeg(MediaSocket socket, RtpLocalDescription local, SdpSession localDescription, TimeSpan? rtcpInterval)
        : base(rtcpInterval)
    {
        this.socket = socket;
        this.local = local;
        this.localDescription = localDescription;
        sourceTemplate = new IPEndPoint(socket.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public override SdpSession LocalDescription => localDescription;

    public override SdpNegotiation? Negotiation => negotiation;

    /// <summary>Datagrams on the RTP port that were neither RTP nor RTCP (counted, never thrown on).</summary>
    public long MalformedDropped => Interlocked.Read(ref malformedDropped);

    /// <summary>Our RTP address and port.</summary>
    public IPEndPoint LocalEndPoint => socket.LocalEndPoint;

    internal static RtpMediaLeg? TryAnswer(MediaSocket socket, RtpLocalDescription local, SdpSession offer, TimeSpan? rtcpInterval, out string? error)
    {
        if (!SdpAnswerer.TryAnswerRtp(offer, local, out var answer, out var agreed, out error))
        {
            return null;
        }

        var leg = new RtpMediaLeg(socket, local, answer!, rtcpInterval) { negotiation = agreed, remote = agreed!.RemoteRtpEndPoint };
        leg.Start();
        return leg;
    }

    internal static RtpMediaLeg Offer(MediaSocket socket, RtpLocalDescription local, TimeSpan? rtcpInterval)
    {
        var leg = new RtpMediaLeg(socket, local, SdpAnswerer.CreateRtpOffer(local), rtcpInterval);
        leg.Start();
        return leg;
    }

    /// <summary>Applies the remote answer to our offer (RFC 3264 §6).</summary>
    public bool TryApplyAnswer(SdpSession answer, out string? error)
    {
        // Answering our own offer from the remote's point of view yields the same agreement rules.
        if (!SdpAnswerer.TryAnswerRtp(answer, local, out _, out var agreed, out error))
        {
            return false;
        }

        negotiation = agreed;
        remote ??= agreed!.RemoteRtpEndPoint;
        if (remote is { } peer)
        {
            rtcpPort?.OnRemoteRtp(peer);
        }

        Rtcp.ClockRate = agreed!.Codec.ClockRate;
        return true;
    }

    /// <summary>
    /// A new offer in this session (RFC 3264 §8: same origin, version + 1) with the agreed codec only and
    /// <paramref name="direction"/> (§8.4: sendonly/inactive to hold, sendrecv to resume); apply the answer with
    /// <see cref="TryApplyAnswer"/>.
    /// </summary>
    public SdpSession CreateReoffer(string direction)
    {
        local = local with
        {
            SessionVersion = local.SessionVersion + 1,
            CodecPreference = negotiation is { } agreed ? [agreed.Codec] : local.CodecPreference,
        };
        var offer = SdpAnswerer.CreateRtpOffer(local, negotiation?.TelephoneEventPayloadType ?? 101);
        var attributes = offer.Media[0].Attributes;
        attributes.RemoveAll(a => a.Value is null && a.Name is "sendrecv" or "sendonly" or "recvonly" or "inactive");
        attributes.Add(new SdpAttribute(direction));
        localDescription = offer;
        return offer;
    }

    public override bool TryAcceptReoffer(SdpSession offer, out SdpSession? answer, out string? error)
    {
        var next = local with { SessionVersion = local.SessionVersion + 1 };
        if (!SdpAnswerer.TryAnswerRtp(offer, next, out answer, out var agreed, out error))
        {
            return false;
        }

        negotiation = agreed;
        localDescription = answer!;
        return true;
    }

    public override bool TrySendRtp(ReadOnlySpan<byte> packet)
    {
        var target = Volatile.Read(ref remote);
        if (target is null || negotiation?.Direction is "recvonly" or "inactive")
        {
            return false;
        }

        if (!socket.TrySend(packet, target))
        {
            return false;
        }

        Rtcp.OnRtpSent(packet);
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        Rtcp.Dispose();
        if (rtcpPort is not null)
        {
            await rtcpPort.DisposeAsync().ConfigureAwait(false);
        }

        if (receiving is not null)
        {
            await receiving.DisposeAsync().ConfigureAwait(false);
        }

        socket.Dispose();
    }

    private void Start()
    {
        // RFC 5761: with rtcp-mux agreed RTCP shares the RTP port; otherwise it has its own (RFC 3550 §11).
        if (negotiation?.RtcpMux != true)
        {
            rtcpPort = RtcpPort.TryOpen(socket, MediaReceiver.Shared, compound => Rtcp.OnRtcpReceived(compound.Span));
            if (remote is { } peer)
            {
                rtcpPort?.OnRemoteRtp(peer);
            }
        }

        Rtcp.ClockRate = negotiation?.Codec.ClockRate ?? 8000;
        Rtcp.Start(SendRtcp);
        receiving = MediaReceiver.Shared.Register(socket.Socket, OnDatagram);
    }

    private bool SendRtcp(ReadOnlySpan<byte> compound) =>
        rtcpPort is { } port ? port.Send(compound) : Volatile.Read(ref remote) is { } target && socket.TrySend(compound, target);

    // On the receiver's thread for this socket: one datagram at a time.
    private void OnDatagram(byte[] buffer, int length, SocketAddress from)
    {
        if (lastAddress is null || !from.Equals(lastAddress))
        {
            lastSource = (IPEndPoint)sourceTemplate.Create(from);
            lastAddress = new SocketAddress(from.Family, from.Size);
            from.Buffer.Span[..from.Size].CopyTo(lastAddress.Buffer.Span);
        }

        Deliver(buffer.AsSpan(0, length), lastSource!);
    }

    private void Deliver(ReadOnlySpan<byte> packet, IPEndPoint source)
    {
        // RFC 5761 §4: RTCP packet types 200-204 share the port when multiplexed; they are not audio.
        if (MediaPacketClassifier.Classify(packet) == MediaPacketKind.Rtcp)
        {
            Rtcp.OnRtcpReceived(packet);
            return;
        }

        if (!RtpHeader.TryParse(packet, out var header))
        {
            Interlocked.Increment(ref malformedDropped);
            MediaDrops.Count(MediaDropReason.Malformed);
            return;
        }

        if (!source.Equals(remote))
        {
            Volatile.Write(ref remote, source);
            rtcpPort?.OnRemoteRtp(source);
        }

        OnRtpReceived(packet, header);
    }
}
