using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Rtp;

public class RtpStreamRewriterTests
{
    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp)
    {
        var buffer = new byte[172];
        RtpPacketWriter.Write(buffer, 0, sequence, timestamp, ssrc, new byte[160]);
        return buffer;
    }

    [Fact]
    public void Rewrite_SourceSwitch_KeepsSequenceAndTimestampContinuous()
    {
        var clock = new FakeTimeProvider();
        var rewriter = new RtpStreamRewriter(0xAAAA, 8000, initialSequence: 100, initialTimestamp: 5000, clock);
        var outputs = new List<RtpHeader>();

        void Send(uint ssrc, ushort sequence, uint timestamp)
        {
            var packet = Packet(ssrc, sequence, timestamp);
            Assert.True(rewriter.Rewrite(packet));
            Assert.True(RtpHeader.TryParse(packet, out var header));
            outputs.Add(header);
            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        Send(1, 40000, 123456);
        Send(1, 40001, 123616);
        Send(1, 40002, 123776);

        // A new source with unrelated numbering: continue where we were, 20 ms (160 units) on.
        Send(2, 7, 999);
        Send(2, 8, 1159);

        Assert.All(outputs, h => Assert.Equal(0xAAAAu, h.Ssrc));
        Assert.Equal(new ushort[] { 100, 101, 102, 103, 104 }, outputs.Select(h => h.SequenceNumber));
        Assert.Equal(new uint[] { 5000, 5160, 5320, 5480, 5640 }, outputs.Select(h => h.Timestamp));
        Assert.True(outputs[3].Marker);
        Assert.False(outputs[4].Marker);
        Assert.Equal(2, rewriter.SourceChanges);
    }

    [Fact]
    public void Rewrite_SequenceWrapsWithinOneSource_FollowsTheWrap()
    {
        var rewriter = new RtpStreamRewriter(1, 8000, 65535, 0, new FakeTimeProvider());
        var first = Packet(9, 10, 0);
        var second = Packet(9, 11, 160);
        rewriter.Rewrite(first);
        rewriter.Rewrite(second);
        Assert.True(RtpHeader.TryParse(first, out var a));
        Assert.True(RtpHeader.TryParse(second, out var b));
        Assert.Equal(65535, a.SequenceNumber);
        Assert.Equal(0, b.SequenceNumber);
    }

    [Fact]
    public void Rewrite_NotRtp_ReturnsFalseAndLeavesPacket()
    {
        var rewriter = new RtpStreamRewriter(1, 8000, 0, 0, new FakeTimeProvider());
        var garbage = new byte[] { 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
        Assert.False(rewriter.Rewrite(garbage));
        Assert.Equal(0x00, garbage[0]);
    }
}
