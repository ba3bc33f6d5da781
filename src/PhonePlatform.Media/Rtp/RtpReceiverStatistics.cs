namespace PhonePlatform.Media.Rtp;

/// <summary>
/// Receive-side statistics of one RTP source, following RFC 3550 Appendix A: sequence validation with
/// probation (A.1), loss (A.3) and interarrival jitter (A.8). Allocation-free per packet; not thread-safe.
/// </summary>
public sealed class RtpReceiverStatistics
{
    // RFC 3550 A.1 constants.
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint RtpSequenceModulus = 1 << 16;

    private readonly int clockRate;

    private ushort maxSequence;
    private uint cycles;
    private uint baseSequence;
    private uint badSequence = RtpSequenceModulus + 1;
    private int probation = MinSequential;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long octets;
    private bool initialized;
    private bool started;

    private double jitter;
    private bool haveTransit;
    private long lastTransit;

    public RtpReceiverStatistics(uint ssrc, int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        Ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public uint Ssrc { get; }

    /// <summary>Last round-trip time measured from a report block about our own stream (see <see cref="RoundTrip"/>).</summary>
    public TimeSpan? RoundTripTime { get; set; }

    /// <summary>RFC 3550 A.1 extended highest sequence number received.</summary>
    public uint ExtendedHighestSequence => cycles + maxSequence;

    /// <summary>Packets accepted as valid.</summary>
    public long Received => received;

    /// <summary>RFC 3550 A.3: expected = extended max - base + 1.</summary>
    public long Expected => initialized ? (long)ExtendedHighestSequence - baseSequence + 1 : 0;

    /// <summary>RFC 3550 A.3: cumulative number of packets lost.</summary>
    public long CumulativeLost => Expected - received;

    /// <summary>Interarrival jitter in timestamp units.</summary>
    public uint Jitter => (uint)jitter;

    /// <summary>
    /// Accounts for one received packet. <paramref name="arrival"/> is the arrival time in RTP timestamp units
    /// of this stream's clock (A.8); returns false when the sequence number is rejected by A.1 (still in probation,
    /// or a large jump that is not yet confirmed).
    /// </summary>
    public bool OnPacket(ushort sequence, uint rtpTimestamp, long arrival, int payloadLength)
    {
        if (!UpdateSequence(sequence))
        {
            return false;
        }

        received++;
        octets += payloadLength;

        // A.8: transit = arrival - timestamp; J += (|D| - J) / 16.
        var transit = arrival - rtpTimestamp;
        if (haveTransit)
        {
            var d = Math.Abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }

        lastTransit = transit;
        haveTransit = true;
        return true;
    }

    /// <summary>
    /// RFC 3550 A.3: the fraction lost since the previous call (in 1/256) and the cumulative loss clamped to
    /// the 24-bit signed field; advances the "prior" counters, so call once per report.
    /// </summary>
    public (byte FractionLost, int CumulativeLost) TakeReportInterval()
    {
        var expected = Expected;
        var expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        var receivedInterval = received - receivedPrior;
        receivedPrior = received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
        var cumulative = (int)Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF);
        return (fraction, cumulative);
    }

    /// <summary>Fills an RTCP report block about this source and advances the report interval.</summary>
    /// <param name="lastSenderReport">Middle 32 bits of the NTP timestamp of the last SR received from it (0 if none).</param>
    /// <param name="delaySinceLastSenderReport">Time since that SR was received.</param>
    public Rtcp.RtcpReportBlock CreateReportBlock(uint lastSenderReport, TimeSpan delaySinceLastSenderReport)
    {
        var (fraction, cumulative) = TakeReportInterval();
        var dlsr = lastSenderReport == 0 ? 0u : (uint)Math.Min(uint.MaxValue, delaySinceLastSenderReport.TotalSeconds * 65536);
        return new Rtcp.RtcpReportBlock(Ssrc, fraction, cumulative, ExtendedHighestSequence, Jitter, lastSenderReport, dlsr);
    }

    /// <summary>
    /// RFC 3550 §6.4.1: round-trip time = A - LSR - DLSR, all in 1/65536 seconds, from a report block about our
    /// stream received when the middle 32 bits of our NTP clock read <paramref name="arrivalNtpMiddle"/>.
    /// Null when the block carries no LSR.
    /// </summary>
    public static TimeSpan? RoundTrip(uint arrivalNtpMiddle, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return null;
        }

        var rtt = unchecked(arrivalNtpMiddle - lastSenderReport - delaySinceLastSenderReport);

        // A negative result (clock skew, bogus report) wraps to a huge value: report none.
        return rtt > 0x8000_0000u ? null : TimeSpan.FromSeconds(rtt / 65536.0);
    }

    /// <summary>The snapshot the call record keeps.</summary>
    public RtpStreamStatistics Snapshot()
    {
        var expected = Expected;
        var expectedInterval = expected - expectedPrior;
        var lostInterval = expectedInterval - (received - receivedPrior);
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
        return new RtpStreamStatistics(
            Ssrc,
            received,
            expected,
            CumulativeLost,
            fraction,
            ExtendedHighestSequence,
            Jitter,
            jitter * 1000.0 / clockRate,
            RoundTripTime,
            octets);
    }

    private void InitSequence(ushort sequence)
    {
        baseSequence = sequence;
        maxSequence = sequence;
        badSequence = RtpSequenceModulus + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        initialized = true;
    }

    /// <summary>RFC 3550 A.1 update_seq.</summary>
    private bool UpdateSequence(ushort sequence)
    {
        if (!started)
        {
            // A.1 init: max_seq = seq - 1 so the first packet counts as in sequence.
            maxSequence = (ushort)(sequence - 1);
            started = true;
        }

        if (probation > 0)
        {
            // A source is valid once MIN_SEQUENTIAL packets arrive in sequence.
            if (sequence == (ushort)(maxSequence + 1))
            {
                probation--;
                maxSequence = sequence;
                if (probation == 0)
                {
                    InitSequence(sequence);
                    return true;
                }
            }
            else
            {
                probation = MinSequential - 1;
                maxSequence = sequence;
            }

            return false;
        }

        var delta = (ushort)(sequence - maxSequence);
        if (delta < MaxDropout)
        {
            // In order, with a permissible gap.
            if (sequence < maxSequence)
            {
                cycles += RtpSequenceModulus;
            }

            maxSequence = sequence;
        }
        else if (delta <= RtpSequenceModulus - MaxMisorder)
        {
            // A very large jump: accept it only when the next packet follows it (the source restarted).
            if (sequence == badSequence)
            {
                InitSequence(sequence);
            }
            else
            {
                badSequence = (uint)((sequence + 1) & (RtpSequenceModulus - 1));
                return false;
            }
        }

        // Otherwise a duplicate or reordered packet: counted.
        return true;
    }
}
