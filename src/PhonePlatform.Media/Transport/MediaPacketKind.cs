namespace PhonePlatform.Media.Transport;

/// <summary>What arrived on a shared media port, by the RFC 7983 first-byte rule.</summary>
public enum MediaPacketKind
{
    /// <summary>Not a protocol this port carries: dropped.</summary>
    Unknown,

    /// <summary>First byte 0-3: STUN.</summary>
    Stun,

    /// <summary>First byte 20-63: DTLS.</summary>
    Dtls,

    /// <summary>First byte 128-191 with a second byte outside 192-223: RTP.</summary>
    Rtp,

    /// <summary>First byte 128-191 with a second byte 192-223 (RFC 5761 §4: packet types 192-223): RTCP.</summary>
    Rtcp,
}
