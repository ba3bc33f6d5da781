using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// The media of a leg that another gateway node terminates: a call entered here but was answered by a device on that
/// node, which answered the carrier's offer itself. This node only carries the signalling; RTP flows between the
/// carrier and that node, so there is nothing to relay, re-offer or measure here.
/// </summary>
public sealed class OtherNodeMediaLeg(SdpSession description) : MediaLeg
{
    private static readonly MediaLegStatistics None = new(0, 0, 0, 0);

    public override SdpSession LocalDescription { get; } = description;

    public override SdpNegotiation? Negotiation => null;

    public override bool TrySendRtp(ReadOnlySpan<byte> packet) => false;

    public override bool TryAcceptReoffer(SdpSession offer, out SdpSession? answer, out string? error)
    {
        answer = null;
        error = "the media of this call is on another gateway node";
        return false;
    }

    public override MediaLegStatistics GetStatistics() => None;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
