using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Rtp;

public class RtpHeaderTests
{
    [Fact]
    public void TryParse_WrittenPacketWithCsrcsExtensionAndPadding_ReadsEveryField()
    {
        var extension = new byte[16];
        var extensionLength = RtpHeaderExtensions.Write(extension, new (int, byte[])[] { (1, [0x55]), (3, [1, 2, 3]) });
        var buffer = new byte[200];
        var length = RtpPacketWriter.Write(
            buffer, payloadType: 0, sequenceNumber: 0xFFFE, timestamp: 0xDEADBEEF, ssrc: 0x01020304, payload: new byte[160],
            marker: true, csrcs: new uint[] { 7, 8 }, extensionBlock: extension.AsSpan(0, extensionLength), paddingLength: 4);

        Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, length), out var header));
        Assert.True(header.Marker);
        Assert.Equal(0, header.PayloadType);
        Assert.Equal(0xFFFE, header.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, header.Timestamp);
        Assert.Equal(0x01020304u, header.Ssrc);
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(8u, RtpHeader.ReadCsrc(buffer, 1));
        Assert.True(header.Extension);
        Assert.Equal(RtpHeaderExtensions.OneByteProfile, header.ExtensionProfile);
        Assert.Equal(160, header.PayloadLength);
        Assert.Equal(4, header.PaddingLength);
        Assert.Equal(12 + 8 + extensionLength, header.HeaderLength);
    }

    [Fact]
    public void Read_OneByteExtensionElements_ReturnsIdsAndData()
    {
        var extension = new byte[16];
        var extensionLength = RtpHeaderExtensions.Write(extension, new (int, byte[])[] { (1, [0x55]), (3, [1, 2, 3]) });
        var buffer = new byte[100];
        var length = RtpPacketWriter.Write(buffer, 0, 1, 1, 1, new byte[4], extensionBlock: extension.AsSpan(0, extensionLength));
        Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, length), out var header));

        Span<RtpHeaderExtensionElement> elements = stackalloc RtpHeaderExtensionElement[4];
        Assert.Equal(2, RtpHeaderExtensions.Read(buffer, header, elements));
        Assert.Equal(1, elements[0].Id);
        Assert.Equal(0x55, buffer[elements[0].Offset]);
        Assert.Equal(3, elements[1].Id);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer.AsSpan(elements[1].Offset, elements[1].Length).ToArray());
    }

    [Fact]
    public void Write_ElementLongerThan16Octets_UsesTwoByteForm()
    {
        var extension = new byte[64];
        var data = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        var extensionLength = RtpHeaderExtensions.Write(extension, new (int, byte[])[] { (20, data), (2, []) });
        var buffer = new byte[120];
        var length = RtpPacketWriter.Write(buffer, 0, 1, 1, 1, new byte[4], extensionBlock: extension.AsSpan(0, extensionLength));
        Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, length), out var header));
        Assert.Equal(RtpHeaderExtensions.TwoByteProfile, header.ExtensionProfile);

        Span<RtpHeaderExtensionElement> elements = stackalloc RtpHeaderExtensionElement[4];
        Assert.Equal(2, RtpHeaderExtensions.Read(buffer, header, elements));
        Assert.Equal(20, elements[0].Id);
        Assert.Equal(data, buffer.AsSpan(elements[0].Offset, elements[0].Length).ToArray());
        Assert.Equal(2, elements[1].Id);
        Assert.Equal(0, elements[1].Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80 00 00 01 00 00 00 01 00 00 00")]
    [InlineData("40 00 00 01 00 00 00 01 00 00 00 01")]
    [InlineData("8F 00 00 01 00 00 00 01 00 00 00 01")]
    [InlineData("90 00 00 01 00 00 00 01 00 00 00 01 BE DE 00 05 00 00 00 00")]
    [InlineData("A0 00 00 01 00 00 00 01 00 00 00 01 00 00 00 00")]
    [InlineData("A0 00 00 01 00 00 00 01 00 00 00 01 00 00 00 09")]
    public void TryParse_MalformedPacket_ReturnsFalse(string hex)
    {
        Assert.False(RtpHeader.TryParse(Hex.Bytes(hex), out _));
    }

    [Fact]
    public void Read_OneByteElementOverrunningTheBlock_ReturnsMinusOne()
    {
        // Element id 1 claims 16 octets in a 4-octet extension.
        var packet = Hex.Bytes("90 00 00 01 00 00 00 01 00 00 00 01 BE DE 00 01 1F 00 00 00");
        Assert.True(RtpHeader.TryParse(packet, out var header));
        Assert.Equal(-1, RtpHeaderExtensions.Read(packet, header, new RtpHeaderExtensionElement[4]));
    }

    [Fact]
    public void TryParse_SeededMutations_NeverThrow()
    {
        var random = new Random(3550);
        var buffer = new byte[300];
        var extension = new byte[16];
        var extensionLength = RtpHeaderExtensions.Write(extension, new (int, byte[])[] { (1, [1]), (2, [1, 2]) });
        var length = RtpPacketWriter.Write(buffer, 8, 1, 1, 1, new byte[160], csrcs: new uint[] { 1 }, extensionBlock: extension.AsSpan(0, extensionLength), paddingLength: 3);
        Span<RtpHeaderExtensionElement> elements = stackalloc RtpHeaderExtensionElement[8];
        for (var n = 0; n < 20000; n++)
        {
            var mutated = buffer.AsSpan(0, length).ToArray();
            var mutatedLength = Srtp.SrtpHostileInputTests.Mutate(random, mutated, length);
            if (RtpHeader.TryParse(mutated.AsSpan(0, mutatedLength), out var header))
            {
                Assert.InRange(header.HeaderLength + header.PayloadLength + header.PaddingLength, 12, mutatedLength);
                RtpHeaderExtensions.Read(mutated.AsSpan(0, mutatedLength), header, elements);
            }
        }
    }
}
