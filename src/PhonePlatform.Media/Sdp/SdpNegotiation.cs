using System.Net;

namespace PhonePlatform.Media.Sdp;

/// <summary>What an offer/answer exchange agreed for the one audio stream.</summary>
public sealed record SdpNegotiation
{
    /// <summary>Index of the accepted m-line in the offer.</summary>
    public required int MediaIndex { get; init; }

    /// <summary>The offer's <c>a=mid</c>, if any.</summary>
    public string? Mid { get; init; }

    /// <summary>The audio codec, with the payload type both sides use for it.</summary>
    public required SdpCodec Codec { get; init; }

    /// <summary>The RFC 4733 payload type, when the offer had telephone-event/8000.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>Our direction in the answer (sendrecv, sendonly, recvonly, inactive).</summary>
    public required string Direction { get; init; }

    /// <summary>The peer's ICE ufrag (WebRTC offers).</summary>
    public string? RemoteIceUfrag { get; init; }

    /// <summary>The peer's ICE password (WebRTC offers).</summary>
    public string? RemoteIcePassword { get; init; }

    /// <summary>The peer's <c>a=fingerprint</c> value, e.g. <c>sha-256 AB:CD:…</c> (WebRTC offers).</summary>
    public string? RemoteFingerprint { get; init; }

    /// <summary>Where the peer wants RTP (plain RTP offers); null for WebRTC, where ICE decides.</summary>
    public IPEndPoint? RemoteRtpEndPoint { get; init; }

    /// <summary>True when RTP and RTCP share one port (RFC 5761).</summary>
    public required bool RtcpMux { get; init; }
}
