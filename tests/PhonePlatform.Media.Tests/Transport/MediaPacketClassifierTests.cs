using PhonePlatform.Media.Transport;

namespace PhonePlatform.Media.Tests.Transport;

public sealed class MediaPacketClassifierTests
{
    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 }, MediaPacketKind.Stun)]
    [InlineData(new byte[] { 0x01, 0x01 }, MediaPacketKind.Stun)]
    [InlineData(new byte[] { 0x03 }, MediaPacketKind.Stun)]
    [InlineData(new byte[] { 20, 0xfe, 0xfd }, MediaPacketKind.Dtls)]
    [InlineData(new byte[] { 22, 0xfe, 0xfd }, MediaPacketKind.Dtls)]
    [InlineData(new byte[] { 63 }, MediaPacketKind.Dtls)]
    [InlineData(new byte[] { 0x80, 0x00 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x80, 0x80 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x80, 0x7F }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x80, 200 }, MediaPacketKind.Rtcp)]
    [InlineData(new byte[] { 0x81, 201 }, MediaPacketKind.Rtcp)]
    [InlineData(new byte[] { 0xBF, 223 }, MediaPacketKind.Rtcp)]
    [InlineData(new byte[] { 0x80, 224 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x80 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 16 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 64, 0 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 127, 0 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 192, 0 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 255, 0 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[0], MediaPacketKind.Unknown)]
    public void Classify_FirstBytes_FollowRfc7983(byte[] datagram, MediaPacketKind expected)
    {
        Assert.Equal(expected, MediaPacketClassifier.Classify(datagram));
    }
}
