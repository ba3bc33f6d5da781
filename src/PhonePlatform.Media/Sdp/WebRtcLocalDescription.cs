using System.Net;
using PhonePlatform.Media.Ice;

namespace PhonePlatform.Media.Sdp;

/// <summary>What this engine puts into an answer to a browser: its host candidate, ICE credentials and certificate fingerprint.</summary>
public sealed record WebRtcLocalDescription
{
    /// <summary>The host candidate address (a configured address, RFC 8445 §5.1.1.1).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The UDP port of this leg.</summary>
    public required int Port { get; init; }

    /// <summary>Our ICE credentials; keep them across re-offers (a change is an ICE restart).</summary>
    public required IceCredentials Ice { get; init; }

    /// <summary>Our certificate fingerprint, <c>sha-256 AB:CD:…</c> (RFC 8122 §5).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Codecs we accept, most preferred first; G.711 only so no transcoding toward carriers.</summary>
    public IReadOnlyList<SdpCodec> CodecPreference { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>The <c>o=</c> session id, stable for the leg.</summary>
    public string SessionId { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>o=</c> version; increase it for each new answer of the leg (RFC 3264 §8).</summary>
    public int SessionVersion { get; init; } = 1;
}
