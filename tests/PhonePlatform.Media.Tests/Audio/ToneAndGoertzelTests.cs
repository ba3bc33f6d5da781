using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Media.Tests.Audio;

public class ToneAndGoertzelTests
{
    [Fact]
    public void RelativePower_PureTone_IsNearOneAtItsFrequencyAndNearZeroElsewhere()
    {
        var samples = new short[1600];
        new ToneGenerator(8000, 0.5, 1000).Generate(samples);
        Assert.InRange(Goertzel.RelativePower(samples, 1000, 8000), 0.95, 1.05);
        Assert.InRange(Goertzel.RelativePower(samples, 1400, 8000), 0, 0.01);
        Assert.True(Goertzel.IsTonePresent(samples, 1000, 8000));
        Assert.False(Goertzel.IsTonePresent(samples, 440, 8000));
    }

    [Fact]
    public void RelativePower_DtmfDigitThroughMuLaw_FindsBothFrequencies()
    {
        var (low, high) = ToneGenerator.DtmfFrequencies('8');
        Assert.Equal((852, 1336), (low, high));
        var samples = new short[800];
        new ToneGenerator(8000, 0.4, low, high).Generate(samples);
        var codes = new byte[samples.Length];
        G711.Encode(G711Law.MuLaw, samples, codes);
        G711.Decode(G711Law.MuLaw, codes, samples);

        Assert.InRange(Goertzel.RelativePower(samples, low, 8000), 0.4, 0.6);
        Assert.InRange(Goertzel.RelativePower(samples, high, 8000), 0.4, 0.6);
        Assert.False(Goertzel.IsTonePresent(samples, 941, 8000));
    }

    [Fact]
    public void Generate_ConsecutiveFrames_EqualOneLongBlock()
    {
        var whole = new short[320];
        new ToneGenerator(8000, 0.3, 425).Generate(whole);
        var generator = new ToneGenerator(8000, 0.3, 425);
        var parts = new short[320];
        generator.Generate(parts.AsSpan(0, 160));
        generator.Generate(parts.AsSpan(160));
        Assert.Equal(whole, parts);
    }

    [Fact]
    public void RelativePower_Silence_IsZero()
    {
        Assert.Equal(0, Goertzel.RelativePower(new short[160], 1000, 8000));
        Assert.Equal(0, Goertzel.RelativePower(ReadOnlySpan<short>.Empty, 1000, 8000));
    }
}
