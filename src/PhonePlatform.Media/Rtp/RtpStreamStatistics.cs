namespace PhonePlatform.Media.Rtp;

/// <summary>
/// A snapshot of one received RTP stream, as the call record keeps it (RFC 3550 §6.4.1 quantities).
/// </summary>
/// <param name="Ssrc">The stream's SSRC.</param>
/// <param name="PacketsReceived">Packets counted, duplicates included (RFC 3550 A.3).</param>
/// <param name="PacketsExpected">Extended highest sequence number minus the first, plus one.</param>
/// <param name="CumulativeLost">Expected minus received; negative when duplicates outnumber losses.</param>
/// <param name="FractionLost">Loss since the previous report, in 1/256 units (RFC 3550 §6.4.1).</param>
/// <param name="ExtendedHighestSequence">Cycles (high 16 bits) and highest sequence number received.</param>
/// <param name="Jitter">Interarrival jitter in RTP timestamp units (RFC 3550 §6.4.1, A.8).</param>
/// <param name="JitterMilliseconds">The same in milliseconds at the stream's clock rate.</param>
/// <param name="RoundTripTime">Last round-trip time computed from a report block's LSR/DLSR, if any.</param>
/// <param name="Octets">Payload octets received.</param>
public sealed record RtpStreamStatistics(
    uint Ssrc,
    long PacketsReceived,
    long PacketsExpected,
    long CumulativeLost,
    byte FractionLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    double JitterMilliseconds,
    TimeSpan? RoundTripTime,
    long Octets)
{
    /// <summary>Cumulative loss as a share of expected packets (0 when nothing was expected).</summary>
    public double LossRatio => PacketsExpected <= 0 ? 0 : Math.Max(0, CumulativeLost) / (double)PacketsExpected;
}
