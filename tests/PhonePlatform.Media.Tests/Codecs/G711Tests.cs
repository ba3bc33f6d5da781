using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Media.Tests.Codecs;

public class G711Tests
{
    // ITU-T G.711 Tables 2a and 2b: decoder output values at segment ends, in 16-bit units
    // (µ-law outputs are 14-bit values * 4, A-law outputs are 13-bit values * 8); e.g. the first level of the top
    // µ-law segment is 4191 * 4 = 16764 and of the top A-law segment 2112 * 8 = 16896.
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0xFE, 8)]
    [InlineData(0xEF, 132)]
    [InlineData(0xDF, 396)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0x8F, 16764)]
    public void DecodeMuLaw_G711ReferenceCodes_ReturnReferenceValues(byte code, short expected)
    {
        Assert.Equal(expected, G711.DecodeMuLaw(code));
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xD4, 24)]
    [InlineData(0xC5, 264)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xA5, 16896)]
    public void DecodeALaw_G711ReferenceCodes_ReturnReferenceValues(byte code, short expected)
    {
        Assert.Equal(expected, G711.DecodeALaw(code));
    }

    [Fact]
    public void EncodeMuLaw_Silence_IsFF()
    {
        Assert.Equal(0xFF, G711.EncodeMuLaw(0));
        Assert.Equal(0x80, G711.EncodeMuLaw(short.MaxValue));
        Assert.Equal(0x00, G711.EncodeMuLaw(short.MinValue));
    }

    [Fact]
    public void EncodeALaw_Silence_IsD5()
    {
        Assert.Equal(0xD5, G711.EncodeALaw(0));
        Assert.Equal(0xAA, G711.EncodeALaw(short.MaxValue));
        Assert.Equal(0x2A, G711.EncodeALaw(short.MinValue));
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void EncodeDecode_EveryCode_RoundTrips(G711Law law)
    {
        for (var code = 0; code < 256; code++)
        {
            var decoded = G711.Decode(law, (byte)code);
            var reencoded = G711.Encode(law, decoded);

            // µ-law has two zeros (0xFF and 0x7F); both decode to 0, which encodes to 0xFF.
            var expected = law == G711Law.MuLaw && code == 0x7F ? 0xFF : code;
            Assert.Equal(expected, reencoded);
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void EncodeDecode_EveryLinearSample_PicksTheNearestOrAdjacentLevel(G711Law law)
    {
        // Decoded levels sorted: a sample must land on the level just below or just above it (never further).
        var levels = Enumerable.Range(0, 256).Select(c => (int)G711.Decode(law, (byte)c)).Distinct().Order().ToArray();
        for (var sample = short.MinValue; sample < short.MaxValue; sample++)
        {
            var decoded = G711.Decode(law, G711.Encode(law, sample));
            var index = Array.BinarySearch(levels, (int)decoded);
            Assert.True(index >= 0);
            var below = index > 0 ? levels[index - 1] : int.MinValue;
            var above = index < levels.Length - 1 ? levels[index + 1] : int.MaxValue;
            Assert.True(sample > below && sample < above, $"{sample} -> {decoded}");
        }
    }

    [Fact]
    public void Decode_Spans_MatchScalarDecode()
    {
        var codes = Enumerable.Range(0, 256).Select(c => (byte)c).ToArray();
        var samples = new short[256];
        G711.Decode(G711Law.ALaw, codes, samples);
        var reencoded = new byte[256];
        G711.Encode(G711Law.ALaw, samples, reencoded);
        Assert.Equal(codes, reencoded);
        Assert.Equal(G711.DecodeALaw(0x12), samples[0x12]);
    }
}
