namespace PhonePlatform.Media.Transport;

/// <summary>What a leg's socket saw; dropped packets are counted, never thrown on.</summary>
public sealed class MediaCounters
{
    private long stunAnswered;
    private long stunRejected;
    private long stunDropped;
    private long dtlsReceived;
    private long dtlsDroppedUnverifiedSource;
    private long rtpReceived;
    private long rtpDropped;
    private long rtcpReceived;
    private long unknownDropped;
    private long rtpSendRefused;

    public long StunAnswered => Interlocked.Read(ref stunAnswered);

    public long StunRejected => Interlocked.Read(ref stunRejected);

    public long StunDropped => Interlocked.Read(ref stunDropped);

    public long DtlsReceived => Interlocked.Read(ref dtlsReceived);

    /// <summary>DTLS from an address that has not passed an ICE check.</summary>
    public long DtlsDroppedUnverifiedSource => Interlocked.Read(ref dtlsDroppedUnverifiedSource);

    /// <summary>RTP accepted (authenticated and decrypted for SRTP).</summary>
    public long RtpReceived => Interlocked.Read(ref rtpReceived);

    /// <summary>RTP dropped: before keys, from an unverified address, failing authentication, or malformed.</summary>
    public long RtpDropped => Interlocked.Read(ref rtpDropped);

    public long RtcpReceived => Interlocked.Read(ref rtcpReceived);

    /// <summary>Datagrams of no protocol this port carries (RFC 7983).</summary>
    public long UnknownDropped => Interlocked.Read(ref unknownDropped);

    /// <summary>RTP not sent because its index (SSRC, sequence number) was already protected once.</summary>
    public long RtpSendRefused => Interlocked.Read(ref rtpSendRefused);

    internal void CountRtpSendRefused() => Interlocked.Increment(ref rtpSendRefused);

    internal void CountStunAnswered() => Interlocked.Increment(ref stunAnswered);

    internal void CountStunRejected() => Interlocked.Increment(ref stunRejected);

    internal void CountStunDropped() => Interlocked.Increment(ref stunDropped);

    internal void CountDtlsReceived() => Interlocked.Increment(ref dtlsReceived);

    internal void CountDtlsDroppedUnverifiedSource() => Interlocked.Increment(ref dtlsDroppedUnverifiedSource);

    internal void CountRtpReceived() => Interlocked.Increment(ref rtpReceived);

    internal void CountRtpDropped() => Interlocked.Increment(ref rtpDropped);

    internal void CountRtcpReceived() => Interlocked.Increment(ref rtcpReceived);

    internal void CountUnknownDropped() => Interlocked.Increment(ref unknownDropped);
}
