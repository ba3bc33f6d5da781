using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Relay;

/// <summary>Sees each relayed packet in the clear, after rewriting and before protection (e.g. the recorder tap).</summary>
public delegate void RtpPacketObserver(ReadOnlySpan<byte> packet, in RtpHeader header);
