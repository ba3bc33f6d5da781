using PhonePlatform.Smpp.Internal.Gsm;

namespace PhonePlatform.Smpp.Tests.Encoding;

public sealed class Gsm7AlphabetTests
{
    // 3GPP TS 23.038 §6.2.1: the default alphabet, septet by septet (0x1B is the escape to the extension table).
    private const string DefaultAlphabet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    [Fact]
    public void WriteSeptets_EveryDefaultCharacter_IsItsTablePosition()
    {
        for (var septet = 0; septet < 128; septet++)
        {
            if (septet == Gsm7Alphabet.Escape)
            {
                continue;
            }

            var buffer = new byte[2];
            Assert.Equal(1, Gsm7Alphabet.WriteSeptets([DefaultAlphabet[septet]], buffer));
            Assert.Equal(septet, buffer[0]);
        }
    }

    [Theory]
    [InlineData('\f', 0x0A)]
    [InlineData('^', 0x14)]
    [InlineData('{', 0x28)]
    [InlineData('}', 0x29)]
    [InlineData('\\', 0x2F)]
    [InlineData('[', 0x3C)]
    [InlineData('~', 0x3D)]
    [InlineData(']', 0x3E)]
    [InlineData('|', 0x40)]
    [InlineData('€', 0x65)]
    public void WriteSeptets_ExtensionCharacter_IsEscapeThenCode(char c, byte code)
    {
        var buffer = new byte[2];

        Assert.Equal(2, Gsm7Alphabet.WriteSeptets([c], buffer));
        Assert.Equal(new byte[] { 0x1B, code }, buffer);
        Assert.Equal(c.ToString(), Gsm7Alphabet.Decode(buffer));
    }

    [Theory]
    [InlineData("ç")]
    [InlineData("`")]
    [InlineData("Ж")]
    [InlineData("😀")]
    public void CountSeptets_CharacterOutsideBothTables_IsMinusOne(string text)
    {
        Assert.Equal(-1, Gsm7Alphabet.CountSeptets(text));
    }

    [Fact]
    public void Decode_EscapeWithoutExtension_FallsBackToDefaultCharacterAndTrailingEscapeToSpace()
    {
        Assert.Equal("A ", Gsm7Alphabet.Decode(new byte[] { 0x1B, 0x41, 0x1B }));
    }

    [Fact]
    public void Decode_AllSeptets_RoundTripsTheDefaultTable()
    {
        var septets = Enumerable.Range(0, 128).Where(i => i != 0x1B).Select(i => (byte)i).ToArray();

        Assert.Equal(DefaultAlphabet.Replace("\u001B", string.Empty, StringComparison.Ordinal), Gsm7Alphabet.Decode(septets));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Pack_ThenUnpack_GivesTheSeptetsBack(int fillBits)
    {
        var septets = Enumerable.Range(0, 153).Select(i => (byte)((i * 37) & 0x7F)).ToArray();
        var packed = new byte[Gsm7Packer.PackedLength(septets.Length, fillBits)];

        Gsm7Packer.Pack(septets, fillBits, packed);

        Assert.Equal(septets, Gsm7Packer.Unpack(packed, fillBits)[..septets.Length]);
    }

    [Fact]
    public void FillBits_AfterSixOctetHeader_IsOne()
    {
        Assert.Equal(1, Gsm7Packer.FillBits(6));
        Assert.Equal(0, Gsm7Packer.FillBits(7));
    }
}
