namespace PhonePlatform.Media.Rtcp;

/// <summary>
/// RFC 3550 §6.4.1 reception report block.
/// </summary>
/// <param name="Ssrc">SSRC of the source this block reports on.</param>
/// <param name="FractionLost">Loss since the previous report in 1/256.</param>
/// <param name="CumulativeLost">24-bit signed cumulative number of packets lost.</param>
/// <param name="ExtendedHighestSequence">Extended highest sequence number received.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP timestamp of the last SR (LSR).</param>
/// <param name="DelaySinceLastSenderReport">Delay since that SR in 1/65536 s (DLSR).</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Length = 24;
}
