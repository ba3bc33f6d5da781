using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// Picks the factory by offer (the first that <see cref="IMediaLegFactory.CanAnswer"/> it: WebRTC for browsers,
/// plain RTP for trunks and UDP phones); our own offers (toward trunks) come from <paramref name="offering"/>.
/// </summary>
public sealed class CompositeMediaLegFactory(IMediaLegFactory offering, params IReadOnlyList<IMediaLegFactory> answering) : IMediaLegFactory
{
    public bool CanAnswer(SdpSession offer) => Find(offer) is not null;

    public ValueTask<MediaLegResult> CreateForOfferAsync(SdpSession offer, IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken) =>
        Find(offer) is { } factory
            ? factory.CreateForOfferAsync(offer, codecs, cancellationToken)
            : ValueTask.FromResult(new MediaLegResult(null, "no media engine serves this offer"));

    public ValueTask<MediaLeg> CreateOfferAsync(IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken) =>
        offering.CreateOfferAsync(codecs, cancellationToken);

    private IMediaLegFactory? Find(SdpSession offer) =>
        answering.FirstOrDefault(f => f.CanAnswer(offer)) ?? (offering.CanAnswer(offer) ? offering : null);
}
