using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Gateway.Media;

/// <summary>Creates media legs. The plain RTP and the WebRTC factory implement this; the B2BUA picks by offer.</summary>
public interface IMediaLegFactory
{
    /// <summary>True when this factory serves the offer (e.g. UDP/TLS/RTP/SAVPF for WebRTC, RTP/AVP for plain RTP).</summary>
    bool CanAnswer(SdpSession offer);

    /// <summary>
    /// Answers a remote offer: the leg's <see cref="MediaLeg.LocalDescription"/> is the answer. <paramref name="codecs"/>
    /// restricts the choice (e.g. to the codec the other leg agreed, so the relay needs no transcoding); null: all ours.
    /// </summary>
    ValueTask<MediaLegResult> CreateForOfferAsync(SdpSession offer, IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a leg that offers first (toward a trunk); apply the answer with <see cref="IOfferingMediaLeg.TryApplyAnswer"/>.
    /// <paramref name="codecs"/>: what to offer, most preferred first (null: all ours).
    /// </summary>
    ValueTask<MediaLeg> CreateOfferAsync(IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken);
}

/// <summary>A leg whose offer went out first.</summary>
public interface IOfferingMediaLeg
{
    bool TryApplyAnswer(SdpSession answer, out string? error);
}

/// <summary>A created leg or why the offer was refused (488 Not Acceptable Here).</summary>
public sealed record MediaLegResult(MediaLeg? Leg, string? Error)
{
    public bool Succeeded => Leg is not null;
}
