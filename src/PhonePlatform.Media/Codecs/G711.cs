namespace PhonePlatform.Media.Codecs;

/// <summary>
/// ITU-T G.711 µ-law and A-law companding between 16-bit linear PCM and 8-bit codes, through tables built
/// once from the G.711 segment rules: every conversion is one table lookup.
/// </summary>
public static class G711
{
    // G.711 µ-law works on 14-bit magnitudes; in 16-bit units a bias of 33 * 4 and a clip of 8158 * 4.
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] MuLawToLinear = BuildDecodeTable(DecodeMuLawByRule);
    private static readonly short[] ALawToLinear = BuildDecodeTable(DecodeALawByRule);
    private static readonly byte[] LinearToMuLaw = BuildEncodeTable(EncodeMuLawByRule);
    private static readonly byte[] LinearToALaw = BuildEncodeTable(EncodeALawByRule);

    public static byte EncodeMuLaw(short sample) => LinearToMuLaw[(ushort)sample];

    public static short DecodeMuLaw(byte code) => MuLawToLinear[code];

    public static byte EncodeALaw(short sample) => LinearToALaw[(ushort)sample];

    public static short DecodeALaw(byte code) => ALawToLinear[code];

    public static byte Encode(G711Law law, short sample) => law == G711Law.ALaw ? EncodeALaw(sample) : EncodeMuLaw(sample);

    public static short Decode(G711Law law, byte code) => law == G711Law.ALaw ? DecodeALaw(code) : DecodeMuLaw(code);

    /// <summary>Encodes <paramref name="samples"/> into as many codes.</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length)
        {
            throw new ArgumentException("One code per sample.", nameof(codes));
        }

        var table = law == G711Law.ALaw ? LinearToALaw : LinearToMuLaw;
        for (var i = 0; i < samples.Length; i++)
        {
            codes[i] = table[(ushort)samples[i]];
        }
    }

    /// <summary>Decodes <paramref name="codes"/> into as many samples.</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length)
        {
            throw new ArgumentException("One sample per code.", nameof(samples));
        }

        var table = law == G711Law.ALaw ? ALawToLinear : MuLawToLinear;
        for (var i = 0; i < codes.Length; i++)
        {
            samples[i] = table[codes[i]];
        }
    }

    /// <summary>
    /// G.711 µ-law: bias the magnitude, find the segment (the position of its leading one), keep four mantissa
    /// bits, and invert all bits of sign | segment | mantissa.
    /// </summary>
    private static byte EncodeMuLawByRule(short sample)
    {
        int value = sample;
        var sign = value < 0 ? 0x80 : 0x00;
        var magnitude = Math.Min(value < 0 ? -value : value, MuLawClip) + MuLawBias;
        var segment = 0;
        for (var probe = magnitude >> 8; probe > 0; probe >>= 1)
        {
            segment++;
        }

        var mantissa = (magnitude >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | mantissa);
    }

    private static short DecodeMuLawByRule(byte code)
    {
        var inverted = ~code & 0xFF;
        var segment = (inverted >> 4) & 0x07;
        var mantissa = inverted & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << segment) - MuLawBias;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>
    /// G.711 A-law on the 13-bit value: segment from the leading one, four mantissa bits, then the even bits
    /// inverted (XOR 0x55) and the sign bit set for positive values.
    /// </summary>
    private static byte EncodeALawByRule(short sample)
    {
        var value = sample >> 3;
        int mask;
        if (value >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            value = -value - 1;
        }

        var segment = 0;
        for (var probe = value >> 5; probe > 0; probe >>= 1)
        {
            segment++;
        }

        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        var mantissa = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)(((segment << 4) | mantissa) ^ mask);
    }

    private static short DecodeALawByRule(byte code)
    {
        var value = code ^ 0x55;
        var magnitude = (value & 0x0F) << 4;
        var segment = (value & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            table[code] = decode((byte)code);
        }

        return table;
    }

    private static byte[] BuildEncodeTable(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (var i = 0; i < 65536; i++)
        {
            table[i] = encode((short)(ushort)i);
        }

        return table;
    }
}
