using PhonePlatform.Media.Rtcp;

namespace PhonePlatform.Media.Tests.Rtcp;

public class RtcpTests
{
    private static (byte[] Buffer, int Length) Compound()
    {
        var buffer = new byte[512];
        var position = RtcpWriter.WriteSenderReport(buffer, new RtcpSenderReport(
            0x11111111, 0xE000_0000_8000_0000, 160_000, 500, 80_000,
            [new RtcpReportBlock(0x22222222, 12, -3, 0x0001_0005, 77, 0xB7052000, 0x00054000)]));
        position += RtcpWriter.WriteSourceDescription(buffer.AsSpan(position), new RtcpSourceDescription(
            [new RtcpSdesChunk(0x11111111, [new RtcpSdesItem(RtcpSdesItemType.CanonicalName, "gw@phoneplatform"), new RtcpSdesItem(RtcpSdesItemType.Tool, "pp")])]));
        position += RtcpWriter.WriteGoodbye(buffer.AsSpan(position), new RtcpGoodbye([0x11111111], "hangup"));
        return (buffer, position);
    }

    [Fact]
    public void TryParseCompound_SrSdesBye_RoundTripsEveryField()
    {
        var (buffer, length) = Compound();
        Assert.Equal(0, length % 4);
        Assert.True(RtcpParser.TryParseCompound(buffer.AsSpan(0, length), out var compound));

        var sr = Assert.Single(compound.SenderReports);
        Assert.Equal(0x11111111u, sr.Ssrc);
        Assert.Equal(0xE000_0000_8000_0000UL, sr.NtpTimestamp);
        Assert.Equal(500u, sr.PacketCount);
        var block = Assert.Single(sr.ReportBlocks);
        Assert.Equal(new RtcpReportBlock(0x22222222, 12, -3, 0x0001_0005, 77, 0xB7052000, 0x00054000), block);

        var chunk = Assert.Single(Assert.Single(compound.SourceDescriptions).Chunks);
        Assert.Equal("gw@phoneplatform", chunk.Items[0].Text);
        Assert.Equal(RtcpSdesItemType.Tool, chunk.Items[1].Type);

        var bye = Assert.Single(compound.Goodbyes);
        Assert.Equal("hangup", bye.Reason);
        Assert.Equal([0x11111111u], bye.Sources);
    }

    [Fact]
    public void TryParseCompound_ReceiverReportWithoutBlocks_Parses()
    {
        var buffer = new byte[8];
        Assert.Equal(8, RtcpWriter.WriteReceiverReport(buffer, new RtcpReceiverReport(5, [])));
        Assert.True(RtcpParser.TryParseCompound(buffer, out var compound));
        Assert.Equal(5u, Assert.Single(compound.ReceiverReports).Ssrc);
    }

    [Fact]
    public void TryParseCompound_UnknownPacketType_IsSkippedAndCounted()
    {
        // RFC 4585 PSFB (206) PLI: header, sender SSRC, media SSRC.
        var pli = Hex.Bytes("81 CE 00 02 00 00 00 01 00 00 00 02");
        Assert.True(RtcpParser.TryParseCompound(pli, out var compound));
        Assert.Equal(1, compound.OtherPackets);
    }

    [Fact]
    public void TryParseCompound_EveryTruncation_ReturnsFalseWithoutThrowing()
    {
        var (buffer, length) = Compound();
        for (var cut = 0; cut < length; cut++)
        {
            // Cutting exactly at a packet boundary leaves a valid shorter compound.
            var valid = RtcpParser.TryParseCompound(buffer.AsSpan(0, cut), out _);
            Assert.True(!valid || cut is 52 or 84, $"cut {cut}");
        }
    }

    [Fact]
    public void TryParseCompound_SeededMutations_NeverThrow()
    {
        var (buffer, length) = Compound();
        var random = new Random(6);
        for (var n = 0; n < 20000; n++)
        {
            var mutated = buffer.AsSpan(0, length).ToArray();
            var mutatedLength = Srtp.SrtpHostileInputTests.Mutate(random, mutated, length);
            if (RtcpParser.TryParseCompound(mutated.AsSpan(0, mutatedLength), out var compound))
            {
                Assert.Equal(0, mutatedLength % 4);
            }
        }
    }

    [Fact]
    public void NtpTimestamp_RoundTrip_WithinOneTick()
    {
        var time = new DateTimeOffset(2026, 11, 23, 9, 30, 15, 250, TimeSpan.Zero);
        var ntp = NtpTimestamp.FromDateTimeOffset(time);
        Assert.InRange((NtpTimestamp.ToDateTimeOffset(ntp) - time).Duration().Ticks, 0, 1);
        Assert.Equal(0x4000_0000u, (uint)ntp);
    }
}
