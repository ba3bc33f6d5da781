using System.Net;

namespace PhonePlatform.Media.Sdp;

/// <summary>What this engine puts into a plain <c>RTP/AVP</c> offer or answer toward a trunk.</summary>
public sealed record RtpLocalDescription
{
    /// <summary>Our media address.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Our RTP port (RTCP on the next one unless rtcp-mux is agreed).</summary>
    public required int Port { get; init; }

    /// <summary>Codecs we accept, most preferred first.</summary>
    public IReadOnlyList<SdpCodec> CodecPreference { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>The <c>o=</c> session id.</summary>
    public string SessionId { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>o=</c> version.</summary>
    public int SessionVersion { get; init; } = 1;
}
