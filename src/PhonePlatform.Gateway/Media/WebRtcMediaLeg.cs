using System.Diagnostics;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// A browser leg: the media engine's <see cref="WebRtcLeg"/> (ICE-lite, DTLS-SRTP, one port) seen as a
/// <see cref="MediaLeg"/>. Call control gets decrypted RTP and hands in plain RTP, which the leg protects.
/// </summary>
public sealed class WebRtcMediaLeg : MediaLeg
{
    private readonly WebRtcLeg leg;
    private SdpSession localDescription;
    private RtpReceiverStatistics? receiver;
    private long sent;

    private WebRtcMediaLeg(WebRtcLeg leg, SdpSession localDescription)
    {
        this.leg = leg;
        this.localDescription = localDescription;
        leg.RtpReceived += OnPacket;
        leg.Ended += OnEnded;
    }

    public override SdpSession LocalDescription => localDescription;

    public override SdpNegotiation? Negotiation => leg.Negotiation;

    /// <summary>Completes when DTLS-SRTP is up (for tests and diagnostics).</summary>
    public Task Connected => leg.Connected;

    internal static WebRtcMediaLeg? TryAnswer(WebRtcLegOptions options, SdpSession offer, out string? error)
    {
        var leg = WebRtcLeg.Open(options);
        if (!leg.TryAcceptOffer(offer.ToString(), out var answer, out error) || !SdpParser.TryParse(answer!, out var parsed, out error))
        {
            _ = leg.DisposeAsync().AsTask();
            return null;
        }

        return new WebRtcMediaLeg(leg, parsed!);
    }

    public override bool TrySendRtp(ReadOnlySpan<byte> packet)
    {
        if (leg.Negotiation?.Direction is "recvonly" or "inactive" || !leg.TrySendRtp(packet))
        {
            return false;
        }

        Interlocked.Increment(ref sent);
        return true;
    }

    public override bool TryAcceptReoffer(SdpSession offer, out SdpSession? answer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        answer = null;
        // Same ICE credentials, fingerprint and a=setup:passive as before (a change would be an ICE restart).
        if (!leg.TryAcceptOffer(offer.ToString(), out var sdp, out error) || !SdpParser.TryParse(sdp!, out answer, out error))
        {
            return false;
        }

        localDescription = answer!;
        return true;
    }

    public override MediaLegStatistics GetStatistics()
    {
        var stats = receiver;
        var clock = leg.Negotiation?.Codec.ClockRate ?? 8000;
        return stats is null
            ? new MediaLegStatistics(0, Interlocked.Read(ref sent), 0, 0)
            : new MediaLegStatistics(stats.Received, Interlocked.Read(ref sent), Math.Max(0, stats.CumulativeLost), stats.Jitter * 1000.0 / clock);
    }

    public override async ValueTask DisposeAsync()
    {
        leg.RtpReceived -= OnPacket;
        leg.Ended -= OnEnded;
        await leg.DisposeAsync().ConfigureAwait(false);
    }

    private void OnPacket(ReadOnlySpan<byte> packet)
    {
        if (!RtpHeader.TryParse(packet, out var header))
        {
            return;
        }

        var clock = leg.Negotiation?.Codec.ClockRate ?? 8000;
        receiver ??= new RtpReceiverStatistics(header.Ssrc, clock);
        receiver.OnPacket(header.SequenceNumber, header.Timestamp, Stopwatch.GetTimestamp() * clock / Stopwatch.Frequency, header.PayloadLength);
        OnRtpReceived(packet, header);
    }
}
