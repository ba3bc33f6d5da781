namespace PhonePlatform.Media.IntegrationTests.Audio;

/// <summary>
/// Test-only G.711 µ-law (ITU-T G.711 §3): the media-srtp branch's codec had not landed when this test was
/// written. Replace with PhonePlatform.Media.Codecs once merged.
/// </summary>
internal static class TestMuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    public static byte Encode(short sample)
    {
        var sign = (sample >> 8) & 0x80;
        var magnitude = Math.Min(sign != 0 ? -(int)sample : sample, Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short Decode(byte code)
    {
        var value = ~code & 0xFF;
        var magnitude = ((((value & 0x0F) << 3) + Bias) << ((value & 0x70) >> 4)) - Bias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }
}
