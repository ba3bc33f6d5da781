using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// Browser legs for <c>UDP/TLS/RTP/SAVPF</c> offers (and any offer with a DTLS fingerprint). Browsers are always the
/// offerer: outbound in their INVITE, inbound in their 200 OK to our offer-less INVITE, so this factory only answers.
/// </summary>
public sealed class WebRtcMediaLegFactory(WebRtcLegOptions options, TimeSpan? rtcpInterval = null) : IMediaLegFactory
{
    public bool CanAnswer(SdpSession offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Media.Any(m => m.Protocol.Contains("TLS", StringComparison.OrdinalIgnoreCase)
            || m.Protocol.Contains("SAVP", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask<MediaLegResult> CreateForOfferAsync(SdpSession offer, IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var legOptions = codecs is null ? options : options with { CodecPreference = codecs };
        var leg = WebRtcMediaLeg.TryAnswer(legOptions, offer, rtcpInterval, out var error);
        return ValueTask.FromResult(new MediaLegResult(leg, error));
    }

    public ValueTask<MediaLeg> CreateOfferAsync(IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The gateway never offers to a browser: it sends an INVITE without SDP and answers the browser's offer.");
}
