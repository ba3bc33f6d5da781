namespace PhonePlatform.Media.Sdp.Internal;

/// <summary>Reading an offer's audio stream: codec choice (RFC 3264 §6.1) and direction (RFC 3264 §6.1, RFC 8866 §6.7).</summary>
internal static class SdpOfferReading
{
    public static int FindAudio(SdpSession offer) =>
        offer.Media.FindIndex(m => m.Media == "audio" && m.Port != 0 && m.IsRtp);

    /// <summary>The first codec of our preference the offer carries, with the offer's payload type.</summary>
    public static SdpCodec? ChooseCodec(SdpMediaDescription media, IReadOnlyList<SdpCodec> preference)
    {
        foreach (var wanted in preference)
        {
            foreach (var format in media.Formats)
            {
                var map = media.GetRtpMap(format);
                var matches = map is not null
                    ? string.Equals(map.EncodingName, wanted.EncodingName, StringComparison.OrdinalIgnoreCase) && map.ClockRate == wanted.ClockRate
                    : format == wanted.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture) && wanted.PayloadType < 96;
                if (matches && int.TryParse(format, System.Globalization.CultureInfo.InvariantCulture, out var pt) && pt is >= 0 and <= 127)
                {
                    return wanted with { PayloadType = pt };
                }
            }
        }

        return null;
    }

    /// <summary>The offer's telephone-event/8000 payload type (RFC 4733 §7.1.1), mirrored in the answer.</summary>
    public static int? FindTelephoneEvent(SdpMediaDescription media)
    {
        foreach (var format in media.Formats)
        {
            var map = media.GetRtpMap(format);
            if (map is not null && string.Equals(map.EncodingName, "telephone-event", StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == 8000 && int.TryParse(format, System.Globalization.CultureInfo.InvariantCulture, out var pt) && pt is >= 96 and <= 127)
            {
                return pt;
            }
        }

        return null;
    }

    public static string AnswerDirection(string offered) => offered switch
    {
        "sendonly" => "recvonly",
        "recvonly" => "sendonly",
        "inactive" => "inactive",
        _ => "sendrecv",
    };

    /// <summary>RFC 3264 §6: every offered m-line gets an answer line; the ones we do not take get port 0.</summary>
    public static SdpMediaDescription Rejected(SdpMediaDescription offered)
    {
        var rejected = new SdpMediaDescription { Media = offered.Media, Port = 0, Protocol = offered.Protocol };
        rejected.Formats.Add(offered.Formats[0]);
        if (offered.GetAttribute("mid") is { } mid)
        {
            rejected.Attributes.Add(new SdpAttribute("mid", mid));
        }

        return rejected;
    }

    public static void AddCodecAttributes(SdpMediaDescription media, SdpCodec codec, int? telephoneEvent, string direction)
    {
        var pt = codec.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture);
        media.Formats.Add(pt);
        media.Attributes.Add(new SdpAttribute("rtpmap", $"{pt} {codec.EncodingName}/{codec.ClockRate}"));
        if (telephoneEvent is { } te)
        {
            var tePt = te.ToString(System.Globalization.CultureInfo.InvariantCulture);
            media.Formats.Add(tePt);
            media.Attributes.Add(new SdpAttribute("rtpmap", tePt + " telephone-event/8000"));
            media.Attributes.Add(new SdpAttribute("fmtp", tePt + " 0-16"));
        }

        media.Attributes.Add(new SdpAttribute("ptime", "20"));
        media.Attributes.Add(new SdpAttribute(direction));
    }
}
