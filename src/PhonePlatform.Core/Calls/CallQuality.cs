namespace PhonePlatform.Core.Calls;

/// <summary>Media quality of a call as measured from RTP/RTCP (RFC 3550 §6.4) on the gateway.</summary>
public sealed class CallQuality
{
    public long PacketsReceived { get; set; }

    public long PacketsLost { get; set; }

    /// <summary>Interarrival jitter (RFC 3550 §6.4.1), milliseconds.</summary>
    public double JitterMilliseconds { get; set; }

    /// <summary>Round-trip time from RTCP LSR/DLSR, milliseconds; null when no RTCP report arrived.</summary>
    public double? RoundTripMilliseconds { get; set; }

    /// <summary>Lost packets as a fraction of the packets expected.</summary>
    public double LossFraction => PacketsReceived + PacketsLost == 0 ? 0 : (double)PacketsLost / (PacketsReceived + PacketsLost);
}
