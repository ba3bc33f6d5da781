using System.Globalization;
using System.Net;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Sdp.Internal;

namespace PhonePlatform.Media.Sdp;

/// <summary>
/// Answers offers (RFC 3264) for one audio stream: browsers' DTLS-SRTP offers as an ICE-lite, DTLS-passive
/// endpoint (RFC 8839, RFC 5763, RFC 8843), and trunks' plain <c>RTP/AVP</c> offers. G.711 only, so media
/// toward carriers needs no transcoding; telephone-event mirrored at the offered payload type.
/// </summary>
public static class SdpAnswerer
{
    // RFC 8445 §5.1.2.1: priority = 2^24 * type preference (126 for host) + 2^8 * local preference + (256 - component).
    private const uint HostPriority = (126u << 24) + (65535u << 8) + 255u;

    /// <summary>Answers a WebRTC offer; on failure <paramref name="error"/> says what the offer lacks.</summary>
    public static bool TryAnswerWebRtc(SdpSession offer, WebRtcLocalDescription local, out SdpSession? answer, out SdpNegotiation? negotiation, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        answer = null;
        negotiation = null;
        var index = SdpOfferReading.FindAudio(offer);
        if (index < 0)
        {
            error = "the offer has no audio stream";
            return false;
        }

        var offered = offer.Media[index];
        var ufrag = offer.GetAttribute(offered, "ice-ufrag");
        var pwd = offer.GetAttribute(offered, "ice-pwd");
        var fingerprint = offer.GetAttribute(offered, "fingerprint");
        var setup = offer.GetAttribute(offered, "setup") ?? "actpass";
        if (!IceCredentials.IsValid(ufrag, pwd))
        {
            error = "the offer has no valid a=ice-ufrag/a=ice-pwd";
            return false;
        }

        if (fingerprint is null || !Dtls.DtlsFingerprint.TryParse(fingerprint, out _))
        {
            error = "the offer has no usable a=fingerprint";
            return false;
        }

        // RFC 5763 §5: the answerer of actpass picks; we are always the DTLS server (passive).
        if (setup is not ("actpass" or "active"))
        {
            error = $"a=setup:{setup} would make us the DTLS client, which this engine does not do";
            return false;
        }

        if (!offered.HasAttribute("rtcp-mux"))
        {
            error = "the offer lacks a=rtcp-mux; one port carries everything";
            return false;
        }

        var codec = SdpOfferReading.ChooseCodec(offered, local.CodecPreference);
        if (codec is null)
        {
            error = "the offer carries none of our codecs (" + string.Join(", ", local.CodecPreference.Select(c => c.EncodingName)) + ")";
            return false;
        }

        var mid = offered.GetAttribute("mid");
        var telephoneEvent = SdpOfferReading.FindTelephoneEvent(offered);
        var direction = SdpOfferReading.AnswerDirection(offered.Direction);
        var result = NewSession(local.Address, local.SessionId, local.SessionVersion);
        result.Attributes.Add(new SdpAttribute("ice-lite"));
        if (mid is not null && offer.Attributes.Exists(a => a.Name == "group" && a.Value is { } g
            && g.StartsWith("BUNDLE ", StringComparison.Ordinal) && g.Split(' ').Contains(mid)))
        {
            result.Attributes.Add(new SdpAttribute("group", "BUNDLE " + mid));
        }

        for (var i = 0; i < offer.Media.Count; i++)
        {
            if (i != index)
            {
                result.Media.Add(SdpOfferReading.Rejected(offer.Media[i]));
                continue;
            }

            var media = new SdpMediaDescription { Media = "audio", Port = local.Port, Protocol = offered.Protocol, Connection = SdpConnection.For(local.Address) };
            if (mid is not null)
            {
                media.Attributes.Add(new SdpAttribute("mid", mid));
            }

            media.Attributes.Add(new SdpAttribute("ice-ufrag", local.Ice.Ufrag));
            media.Attributes.Add(new SdpAttribute("ice-pwd", local.Ice.Password));
            media.Attributes.Add(new SdpAttribute("fingerprint", local.Fingerprint));
            media.Attributes.Add(new SdpAttribute("setup", "passive"));
            media.Attributes.Add(new SdpAttribute("rtcp-mux"));
            media.Attributes.Add(new SdpAttribute("candidate", string.Create(CultureInfo.InvariantCulture,
                $"1 1 udp {HostPriority} {local.Address} {local.Port} typ host")));
            media.Attributes.Add(new SdpAttribute("end-of-candidates"));
            SdpOfferReading.AddCodecAttributes(media, codec, telephoneEvent, direction);
            result.Media.Add(media);
        }

        answer = result;
        negotiation = new SdpNegotiation
        {
            MediaIndex = index, Mid = mid, Codec = codec, TelephoneEventPayloadType = telephoneEvent, Direction = direction,
            RemoteIceUfrag = ufrag, RemoteIcePassword = pwd, RemoteFingerprint = fingerprint, RtcpMux = true,
        };
        error = null;
        return true;
    }

    /// <summary>Answers a plain RTP offer from a trunk; on failure <paramref name="error"/> says why.</summary>
    public static bool TryAnswerRtp(SdpSession offer, RtpLocalDescription local, out SdpSession? answer, out SdpNegotiation? negotiation, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        answer = null;
        negotiation = null;
        var index = SdpOfferReading.FindAudio(offer);
        if (index < 0)
        {
            error = "the offer has no audio stream";
            return false;
        }

        var offered = offer.Media[index];
        if (!string.Equals(offered.Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase))
        {
            error = $"proto {offered.Protocol} is not plain RTP/AVP";
            return false;
        }

        var connection = offered.Connection ?? offer.Connection;
        if (connection is null || !IPAddress.TryParse(connection.Address, out var remoteAddress))
        {
            error = "the offer has no c= line with an IP address for its audio";
            return false;
        }

        var codec = SdpOfferReading.ChooseCodec(offered, local.CodecPreference);
        if (codec is null)
        {
            error = "the offer carries none of our codecs (" + string.Join(", ", local.CodecPreference.Select(c => c.EncodingName)) + ")";
            return false;
        }

        var rtcpMux = offered.HasAttribute("rtcp-mux");
        var telephoneEvent = SdpOfferReading.FindTelephoneEvent(offered);
        var direction = SdpOfferReading.AnswerDirection(offered.Direction);
        var result = NewSession(local.Address, local.SessionId, local.SessionVersion);
        result.Connection = SdpConnection.For(local.Address);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            if (i != index)
            {
                result.Media.Add(SdpOfferReading.Rejected(offer.Media[i]));
                continue;
            }

            var media = new SdpMediaDescription { Media = "audio", Port = local.Port, Protocol = "RTP/AVP" };
            if (rtcpMux)
            {
                media.Attributes.Add(new SdpAttribute("rtcp-mux"));
            }

            SdpOfferReading.AddCodecAttributes(media, codec, telephoneEvent, direction);
            result.Media.Add(media);
        }

        answer = result;
        negotiation = new SdpNegotiation
        {
            MediaIndex = index, Mid = offered.GetAttribute("mid"), Codec = codec, TelephoneEventPayloadType = telephoneEvent,
            Direction = direction, RemoteRtpEndPoint = new IPEndPoint(remoteAddress, offered.Port), RtcpMux = rtcpMux,
        };
        error = null;
        return true;
    }

    /// <summary>A plain <c>RTP/AVP</c> offer toward a trunk: our codecs in preference order plus telephone-event/8000.</summary>
    public static SdpSession CreateRtpOffer(RtpLocalDescription local, int telephoneEventPayloadType = 101)
    {
        ArgumentNullException.ThrowIfNull(local);
        var offer = NewSession(local.Address, local.SessionId, local.SessionVersion);
        offer.Connection = SdpConnection.For(local.Address);
        var media = new SdpMediaDescription { Media = "audio", Port = local.Port, Protocol = "RTP/AVP" };
        foreach (var codec in local.CodecPreference)
        {
            var pt = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
            media.Formats.Add(pt);
            media.Attributes.Add(new SdpAttribute("rtpmap", $"{pt} {codec.EncodingName}/{codec.ClockRate}"));
        }

        var te = telephoneEventPayloadType.ToString(CultureInfo.InvariantCulture);
        media.Formats.Add(te);
        media.Attributes.Add(new SdpAttribute("rtpmap", te + " telephone-event/8000"));
        media.Attributes.Add(new SdpAttribute("fmtp", te + " 0-16"));
        media.Attributes.Add(new SdpAttribute("ptime", "20"));
        media.Attributes.Add(new SdpAttribute("sendrecv"));
        offer.Media.Add(media);
        return offer;
    }

    private static SdpSession NewSession(IPAddress address, string sessionId, int version)
    {
        var connection = SdpConnection.For(address);
        var session = new SdpSession
        {
            Origin = new SdpOrigin("-", sessionId, version.ToString(CultureInfo.InvariantCulture), "IN", connection.AddrType, connection.Address),
            SessionName = "-",
        };
        session.Timings.Add("0 0");
        return session;
    }
}
