namespace PhonePlatform.Media.Transport;

/// <summary>
/// Demultiplexes STUN, DTLS, RTP and RTCP sharing one UDP port (RFC 7983 §7, RFC 5761 §4). ZRTP (16-19) and
/// TURN channels (64-79) are not used here and count as unknown.
/// </summary>
public static class MediaPacketClassifier
{
    /// <summary>Classifies a datagram by its first (and for RTP/RTCP, second) byte.</summary>
    public static MediaPacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return MediaPacketKind.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => MediaPacketKind.Stun,
            >= 20 and <= 63 => MediaPacketKind.Dtls,
            // RTP version 2 sets the top bits to 10; a second byte of 192-223 is an RTCP packet type
            // (SR 200, RR 201...) since RTP payload types 64-95 are excluded by RFC 5761 §4.
            >= 128 and <= 191 when datagram.Length >= 2 => datagram[1] is >= 192 and <= 223 ? MediaPacketKind.Rtcp : MediaPacketKind.Rtp,
            _ => MediaPacketKind.Unknown,
        };
    }
}
