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

    private WebRtcMediaLeg(WebRtcLeg leg, SdpSession localDescription, TimeSpan? rtcpInterval)
        : base(rtcpInterval)
    {
        this.leg = leg;
        this.localDescription = localDescription;
        leg.RtpReceived += OnPacket;
        leg.RtcpReceived += OnRtcp;
        leg.Ended += OnEnded;
        Rtcp.ClockRate = leg.Negotiation?.Codec.ClockRate ?? 8000;
        Rtcp.Start(leg.TrySendRtcp);
    }

    public override SdpSession LocalDescription => localDescription;

    public override SdpNegotiation? Negotiation => leg.Negotiation;

    /// <summary>Completes when DTLS-SRTP is up (for tests and diagnostics).</summary>
    public Task Connected => leg.Connected;

    internal static WebRtcMediaLeg? TryAnswer(WebRtcLegOptions options, SdpSession offer, TimeSpan? rtcpInterval, out string? error)
    {
        var leg = WebRtcLeg.Open(options);
        if (!leg.TryAcceptOffer(offer.ToString(), out var answer, out error) || !SdpParser.TryParse(answer!, out var parsed, out error))
        {
            _ = leg.DisposeAsync().AsTask();
            return null;
        }

        return new WebRtcMediaLeg(leg, parsed!, rtcpInterval);
    }

    public override bool TrySendRtp(ReadOnlySpan<byte> packet)
    {
        if (leg.Negotiation?.Direction is "recvonly" or "inactive" || !leg.TrySendRtp(packet))
        {
            return false;
        }

        Rtcp.OnRtpSent(packet);
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

    public override async ValueTask DisposeAsync()
    {
        Rtcp.Dispose();
        leg.RtpReceived -= OnPacket;
        leg.RtcpReceived -= OnRtcp;
        leg.Ended -= OnEnded;
        await leg.DisposeAsync().ConfigureAwait(false);
    }

    private void OnPacket(ReadOnlySpan<byte> packet)
    {
        if (!RtpHeader.TryParse(packet, out var header))
        {
            return;
        }

        OnRtpReceived(packet, header);
    }

    private void OnRtcp(ReadOnlySpan<byte> packet) => Rtcp.OnRtcpReceived(packet);
}
