using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Rtcp;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Rtcp;

public class RtcpReporterTests
{
    [Fact]
    public void OnReceived_ReceiverReportEchoingOurSenderReport_MeasuresRoundTripTime()
    {
        // Both sides share one fake clock; each direction of the network takes 50 ms.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var gateway = new RtcpReporter(0xAAAA, "gw@example", clock);
        var browser = new RtcpReporter(0xBBBB, "browser@example", clock);
        var browserStats = new RtpReceiverStatistics(0xAAAA, 8000);
        for (var i = 0; i < 10; i++)
        {
            browserStats.OnPacket((ushort)i, (uint)(i * 160), i * 160, 160);
        }

        var buffer = new byte[256];
        var length = gateway.WriteReport(buffer, null, new RtcpSenderInfo(10, 1600, 1440));
        Assert.True(RtcpParser.TryParseCompound(buffer.AsSpan(0, length), out var sr));
        Assert.Single(sr.SenderReports);
        Assert.Equal("gw@example", sr.SourceDescriptions[0].Chunks[0].Items[0].Text);

        clock.Advance(TimeSpan.FromMilliseconds(50));
        browser.OnReceived(sr);

        // The browser holds the SR for one second before reporting.
        clock.Advance(TimeSpan.FromSeconds(1));
        length = browser.WriteReport(buffer, browserStats, null);
        Assert.True(RtcpParser.TryParseCompound(buffer.AsSpan(0, length), out var rr));
        var block = Assert.Single(Assert.Single(rr.ReceiverReports).ReportBlocks);
        Assert.Equal(0xAAAAu, block.Ssrc);
        Assert.Equal(65536u, block.DelaySinceLastSenderReport);

        clock.Advance(TimeSpan.FromMilliseconds(50));
        gateway.OnReceived(rr);
        Assert.NotNull(gateway.RoundTripTime);
        Assert.InRange(gateway.RoundTripTime.Value.TotalMilliseconds, 99.9, 100.1);
        Assert.Equal(block, gateway.LastRemoteReport);
    }

    [Fact]
    public void WriteReport_NoSenderReportReceived_LeavesLsrAndDlsrZero()
    {
        var reporter = new RtcpReporter(1, "x", new FakeTimeProvider());
        var stats = new RtpReceiverStatistics(2, 8000);
        stats.OnPacket(1, 0, 0, 160);
        stats.OnPacket(2, 160, 160, 160);
        var buffer = new byte[128];
        var length = reporter.WriteReport(buffer, stats, null);
        Assert.True(RtcpParser.TryParseCompound(buffer.AsSpan(0, length), out var compound));
        var block = compound.ReceiverReports[0].ReportBlocks[0];
        Assert.Equal(0u, block.LastSenderReport);
        Assert.Equal(0u, block.DelaySinceLastSenderReport);
        Assert.Null(reporter.RoundTripTime);
    }
}
