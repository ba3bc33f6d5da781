namespace PhonePlatform.Media.Rtcp;

/// <summary>What this side has sent on its stream, for the sender info of an SR (RFC 3550 §6.4.1).</summary>
/// <param name="PacketCount">RTP packets sent since the stream started.</param>
/// <param name="OctetCount">Payload octets sent since the stream started.</param>
/// <param name="RtpTimestamp">The stream's RTP timestamp corresponding to the report's NTP time.</param>
public readonly record struct RtcpSenderInfo(uint PacketCount, uint OctetCount, uint RtpTimestamp);
