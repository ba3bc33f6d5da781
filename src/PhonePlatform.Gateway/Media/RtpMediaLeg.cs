using System.Buffers;
using System.Diagnostics;
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
    private const int MaxPacket = 1500;
    private readonly MediaSocket socket;
    private RtpLocalDescription local;
    private readonly CancellationTokenSource stop = new();
    private SdpSession localDescription;
    private SdpNegotiation? negotiation;
    private IPEndPoint? remote;
    private RtpReceiverStatistics? receiver;
    private long sent;
    private Task? receiveLoop;

    private RtpMediaLeg(MediaSocket socket, RtpLocalDescription local, SdpSession localDescription)
    {
        this.socket = socket;
        this.local = local;
        this.localDescription = localDescription;
    }

    public override SdpSession LocalDescription => localDescription;

    public override SdpNegotiation? Negotiation => negotiation;

    /// <summary>Our RTP address and port.</summary>
    public IPEndPoint LocalEndPoint => socket.LocalEndPoint;

    internal static RtpMediaLeg? TryAnswer(MediaSocket socket, RtpLocalDescription local, SdpSession offer, out string? error)
    {
        if (!SdpAnswerer.TryAnswerRtp(offer, local, out var answer, out var agreed, out error))
        {
            return null;
        }

        var leg = new RtpMediaLeg(socket, local, answer!) { negotiation = agreed, remote = agreed!.RemoteRtpEndPoint };
        leg.Start();
        return leg;
    }

    internal static RtpMediaLeg Offer(MediaSocket socket, RtpLocalDescription local)
    {
        var leg = new RtpMediaLeg(socket, local, SdpAnswerer.CreateRtpOffer(local));
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

        try
        {
            socket.Socket.SendTo(packet, SocketFlags.None, target);
            Interlocked.Increment(ref sent);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public override MediaLegStatistics GetStatistics()
    {
        var stats = receiver;
        var clock = negotiation?.Codec.ClockRate ?? 8000;
        return stats is null
            ? new MediaLegStatistics(0, Interlocked.Read(ref sent), 0, 0)
            : new MediaLegStatistics(stats.Received, Interlocked.Read(ref sent), Math.Max(0, stats.CumulativeLost), stats.Jitter * 1000.0 / clock);
    }

    public override async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        socket.Dispose();
        if (receiveLoop is not null)
        {
            await receiveLoop.ConfigureAwait(false);
        }

        stop.Dispose();
    }

    private void Start() => receiveLoop = Task.Run(ReceiveAsync);

    private async Task ReceiveAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxPacket);
        EndPoint any = new IPEndPoint(socket.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await socket.Socket.ReceiveFromAsync(buffer.AsMemory(0, MaxPacket), SocketFlags.None, any, stop.Token).ConfigureAwait(false);
                }
                catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue;
                }

                Deliver(buffer.AsSpan(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException exception)
        {
            OnEnded($"socket: {exception.SocketErrorCode}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(ReadOnlySpan<byte> packet, IPEndPoint source)
    {
        // RFC 5761 §4: RTCP payload types 200-204 share the port when multiplexed; they are not audio.
        if (!RtpHeader.TryParse(packet, out var header) || header.PayloadType is >= 72 and <= 76)
        {
            return;
        }

        if (!source.Equals(remote))
        {
            Volatile.Write(ref remote, source);
        }

        var clock = negotiation?.Codec.ClockRate ?? 8000;
        receiver ??= new RtpReceiverStatistics(header.Ssrc, clock);
        receiver.OnPacket(header.SequenceNumber, header.Timestamp, Stopwatch.GetTimestamp() * clock / Stopwatch.Frequency, header.PayloadLength);
        OnRtpReceived(packet, header);
    }
}
