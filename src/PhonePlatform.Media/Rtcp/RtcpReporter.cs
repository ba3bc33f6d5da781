using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Rtcp;

/// <summary>
/// The RTCP side of one leg (RFC 3550 §6.4): builds this side's compound report (SR when it sends, else RR, plus
/// SDES CNAME) and consumes the peer's, remembering the last SR for LSR/DLSR and measuring round-trip time from
/// report blocks about our own stream. Not thread-safe.
/// </summary>
public sealed class RtcpReporter
{
    private readonly uint localSsrc;
    private readonly RtcpSourceDescription description;
    private readonly TimeProvider timeProvider;
    private uint lastSenderReportSsrc;
    private uint lastSenderReport;
    private long lastSenderReportArrival;

    public RtcpReporter(uint localSsrc, string canonicalName, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalName);
        this.localSsrc = localSsrc;
        description = new RtcpSourceDescription([new RtcpSdesChunk(localSsrc, [new RtcpSdesItem(RtcpSdesItemType.CanonicalName, canonicalName)])]);
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The last round-trip time measured from the peer's report about our stream.</summary>
    public TimeSpan? RoundTripTime { get; private set; }

    /// <summary>The peer's last report block about our stream (its view of our loss and jitter).</summary>
    public RtcpReportBlock? LastRemoteReport { get; private set; }

    /// <summary>Consumes a received (already unprotected) compound packet.</summary>
    public void OnReceived(RtcpCompoundPacket compound)
    {
        ArgumentNullException.ThrowIfNull(compound);
        var now = timeProvider.GetUtcNow();
        foreach (var report in compound.SenderReports)
        {
            lastSenderReportSsrc = report.Ssrc;
            lastSenderReport = report.NtpMiddle32;
            lastSenderReportArrival = timeProvider.GetTimestamp();
            Consider(report.ReportBlocks, now);
        }

        foreach (var report in compound.ReceiverReports)
        {
            Consider(report.ReportBlocks, now);
        }
    }

    /// <summary>
    /// Writes this side's compound report: an SR when <paramref name="sent"/> is given, else an RR; a report block
    /// about <paramref name="received"/> when given; then SDES with the CNAME.
    /// </summary>
    /// <returns>Octets written.</returns>
    public int WriteReport(Span<byte> destination, RtpReceiverStatistics? received, RtcpSenderInfo? sent)
    {
        RtcpReportBlock[] blocks = [];
        if (received is not null)
        {
            // §6.4.1: LSR/DLSR only refer to an SR from the source the block is about.
            var haveSr = lastSenderReport != 0 && lastSenderReportSsrc == received.Ssrc;
            var delay = haveSr ? timeProvider.GetElapsedTime(lastSenderReportArrival) : TimeSpan.Zero;
            var block = received.CreateReportBlock(haveSr ? lastSenderReport : 0, delay);
            blocks = [block];
            received.RoundTripTime = RoundTripTime;
        }

        var position = sent is { } info
            ? RtcpWriter.WriteSenderReport(destination, new RtcpSenderReport(
                localSsrc, NtpTimestamp.FromDateTimeOffset(timeProvider.GetUtcNow()), info.RtpTimestamp, info.PacketCount, info.OctetCount, blocks))
            : RtcpWriter.WriteReceiverReport(destination, new RtcpReceiverReport(localSsrc, blocks));
        position += RtcpWriter.WriteSourceDescription(destination[position..], description);
        return position;
    }

    private void Consider(IReadOnlyList<RtcpReportBlock> blocks, DateTimeOffset now)
    {
        foreach (var block in blocks)
        {
            if (block.Ssrc != localSsrc)
            {
                continue;
            }

            LastRemoteReport = block;
            var arrival = NtpTimestamp.Middle32(NtpTimestamp.FromDateTimeOffset(now));
            if (RtpReceiverStatistics.RoundTrip(arrival, block.LastSenderReport, block.DelaySinceLastSenderReport) is { } rtt)
            {
                RoundTripTime = rtt;
            }
        }
    }
}
