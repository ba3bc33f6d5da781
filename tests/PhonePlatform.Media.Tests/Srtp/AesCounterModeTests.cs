using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Tests.Srtp;

public class AesCounterModeTests
{
    [Fact]
    public void Generate_Rfc3711AppendixB2_KeystreamBlocksMatch()
    {
        // RFC 3711 Appendix B.2: session key, salt, SSRC 0, ROC 0, SEQ 0; IV = salt * 2^16.
        using var aesCm = new AesCounterMode(Hex.Bytes("2B7E151628AED2A6ABF7158809CF4F3C"));
        var iv = Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var keystream = new byte[0xFF02 * 16];
        aesCm.Generate(iv, keystream);

        string Block(int counter) => Hex.Of(keystream.AsSpan(counter * 16, 16));
        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4", Block(0x0000));
        Assert.Equal("D23513162B02D0F72A43A2FE4A5F97AB", Block(0x0001));
        Assert.Equal("41E95B3BB0A2E8DD477901E4FCA894C0", Block(0x0002));
        Assert.Equal("EC8CDF7398607CB0F2D21675EA9EA1E4", Block(0xFEFF));
        Assert.Equal("362B7C3C6773516318A077D7FC5073AE", Block(0xFF00));
        Assert.Equal("6A2CC3787889374FBEB4C81B17BA6C44", Block(0xFF01));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(1024)]
    [InlineData(1500)]
    public void Apply_Twice_RestoresData(int length)
    {
        using var aesCm = new AesCounterMode(new byte[16]);
        var iv = new byte[16];
        iv[3] = 7;
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var copy = data.ToArray();
        aesCm.Apply(iv, data);
        if (length > 0)
        {
            Assert.NotEqual(copy, data);
        }

        aesCm.Apply(iv, data);
        Assert.Equal(copy, data);
    }
}
