using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Rtp;

public class RtpReceiverStatisticsTests
{
    [Fact]
    public void OnPacket_PerfectStream_NoLossNoJitter()
    {
        var stats = new RtpReceiverStatistics(1, 8000);
        for (var i = 0; i < 100; i++)
        {
            stats.OnPacket((ushort)(1000 + i), (uint)(i * 160), 50_000 + (i * 160), 160);
        }

        var snapshot = stats.Snapshot();
        Assert.Equal(0, snapshot.CumulativeLost);
        Assert.Equal(0u, snapshot.Jitter);
        Assert.Equal(snapshot.PacketsExpected, snapshot.PacketsReceived);
    }

    [Fact]
    public void OnPacket_EveryTenthLost_CumulativeAndFractionMatch()
    {
        var stats = new RtpReceiverStatistics(1, 8000);
        for (var i = 0; i < 202; i++)
        {
            // Keep the first two for probation; then drop every tenth.
            if (i >= 2 && i % 10 == 5)
            {
                continue;
            }

            stats.OnPacket((ushort)(65400 + i), (uint)(i * 160), i * 160, 160);
        }

        // Packets 2..201 (base is the second packet, index 1): expected 201, 20 lost.
        Assert.Equal(201, stats.Expected);
        Assert.Equal(20, stats.CumulativeLost);
        var (fraction, cumulative) = stats.TakeReportInterval();
        Assert.Equal(20, cumulative);
        Assert.Equal((byte)(20 * 256 / 201), fraction);

        // Nothing new since: the next interval reports no loss.
        Assert.Equal((byte)0, stats.TakeReportInterval().FractionLost);
        Assert.Equal(65536u + 65u, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void OnPacket_AlternatingTransitDelay_JitterConvergesToTheDelayDifference()
    {
        // A.8: |D| is 80 units every packet, so J converges to 80.
        var stats = new RtpReceiverStatistics(1, 8000);
        for (var i = 0; i < 500; i++)
        {
            var delay = i % 2 == 0 ? 0 : 80;
            stats.OnPacket((ushort)i, (uint)(i * 160), (i * 160) + delay, 160);
        }

        Assert.InRange(stats.Jitter, 78u, 80u);
        Assert.InRange(stats.Snapshot().JitterMilliseconds, 9.75, 10.0);
    }

    [Fact]
    public void RoundTrip_Rfc3550Example_Is0Point5SecondsMinusDelay()
    {
        // RFC 3550 §6.4.1 figure: A = 0xb710:8000 (46864.500), LSR = 0xb705:2000 (46853.125), DLSR = 0x0005:4000 (5.250).
        var rtt = RtpReceiverStatistics.RoundTrip(0xb7108000, 0xb7052000, 0x00054000);
        Assert.Equal(TimeSpan.FromSeconds(6.125), rtt);
        Assert.Null(RtpReceiverStatistics.RoundTrip(0xb7108000, 0, 0));
        Assert.Null(RtpReceiverStatistics.RoundTrip(0x00010000, 0x00020000, 0));
    }

    [Fact]
    public void OnPacket_LargeJumpThenSequential_RestartsTheSource()
    {
        var stats = new RtpReceiverStatistics(1, 8000);
        for (var i = 0; i < 10; i++)
        {
            stats.OnPacket((ushort)i, 0, 0, 1);
        }

        Assert.False(stats.OnPacket(30000, 0, 0, 1));
        Assert.True(stats.OnPacket(30001, 0, 0, 1));
        Assert.Equal(30001u, stats.ExtendedHighestSequence);
    }
}
