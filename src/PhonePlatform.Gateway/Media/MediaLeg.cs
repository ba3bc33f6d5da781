using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// The media side of one call leg, whatever carries it: plain RTP/AVP (trunks, UDP softphones) or WebRTC
/// (DTLS-SRTP toward a browser). Call control only sees decrypted RTP in and out, DTMF and statistics.
/// </summary>
public abstract class MediaLeg : IAsyncDisposable
{
    private readonly DtmfEventDetector dtmf = new();
    private int ended;

    protected MediaLeg(TimeSpan? rtcpInterval = null)
    {
        dtmf.DigitDetected += e => DtmfReceived?.Invoke(e);
        Rtcp = new LegRtcp(interval: rtcpInterval);
    }

    /// <summary>Our SDP (the answer to the remote offer, or our offer until the answer is applied).</summary>
    public abstract SdpSession LocalDescription { get; }

    /// <summary>What was agreed with the remote side; null until an offer/answer exchange completed.</summary>
    public abstract SdpNegotiation? Negotiation { get; }

    /// <summary>Decrypted RTP from the remote side (the span is only valid during the call).</summary>
    public RtpPacketObserver? RtpReceived { get; set; }

    /// <summary>RFC 4733 telephone-events received on this leg.</summary>
    public event Action<DtmfEvent>? DtmfReceived;

    /// <summary>The media path died on its own (DTLS failure, consent expiry, socket closed).</summary>
    public event Action<string>? Ended;

    /// <summary>Sends one RTP packet toward the remote side (protected first when the leg is WebRTC).</summary>
    public abstract bool TrySendRtp(ReadOnlySpan<byte> packet);

    /// <summary>A new offer in a re-INVITE (hold/resume: RFC 3264 §8.4 sendonly/inactive).</summary>
    public abstract bool TryAcceptReoffer(SdpSession offer, out SdpSession? answer, out string? error);

    /// <summary>RTCP of this leg: receive statistics, sender reports, round-trip time.</summary>
    public LegRtcp Rtcp { get; }

    /// <summary>Loss, jitter and RTT for the call record.</summary>
    public virtual MediaLegStatistics GetStatistics() => Rtcp.Statistics();

    public abstract ValueTask DisposeAsync();

    /// <summary>Implementations call this for every RTP packet received (after SRTP, if any).</summary>
    protected void OnRtpReceived(ReadOnlySpan<byte> packet, in RtpHeader header)
    {
        Rtcp.OnRtpReceived(header);
        var telephoneEvent = Negotiation?.TelephoneEventPayloadType;
        if (telephoneEvent is { } pt && header.PayloadType == pt)
        {
            dtmf.OnPacket(header.Timestamp, packet.Slice(header.PayloadOffset, header.PayloadLength));
        }

        RtpReceived?.Invoke(packet, header);
    }

    protected void OnEnded(string reason)
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            Ended?.Invoke(reason);
        }
    }
}
