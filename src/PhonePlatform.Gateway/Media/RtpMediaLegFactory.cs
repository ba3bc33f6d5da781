using System.Net;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Gateway.Media;

/// <summary>Plain RTP legs on <paramref name="address"/> with ports from <paramref name="ports"/>.</summary>
public sealed class RtpMediaLegFactory(IPAddress address, MediaPortAllocator ports, TimeSpan? rtcpInterval = null) : IMediaLegFactory
{
    public bool CanAnswer(SdpSession offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Media.Any(m => m.Protocol.Equals("RTP/AVP", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask<MediaLegResult> CreateForOfferAsync(SdpSession offer, IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken)
    {
        var socket = MediaSocket.Open(address, ports);
        var leg = RtpMediaLeg.TryAnswer(socket, Describe(socket, codecs), offer, rtcpInterval, out var error);
        if (leg is null)
        {
            socket.Dispose();
        }

        return ValueTask.FromResult(new MediaLegResult(leg, error));
    }

    public ValueTask<MediaLeg> CreateOfferAsync(IReadOnlyList<SdpCodec>? codecs, CancellationToken cancellationToken)
    {
        var socket = MediaSocket.Open(address, ports);
        return ValueTask.FromResult<MediaLeg>(RtpMediaLeg.Offer(socket, Describe(socket, codecs), rtcpInterval));
    }

    private RtpLocalDescription Describe(MediaSocket socket, IReadOnlyList<SdpCodec>? codecs) =>
        codecs is null
            ? new() { Address = address, Port = socket.LocalEndPoint.Port }
            : new() { Address = address, Port = socket.LocalEndPoint.Port, CodecPreference = codecs };
}
