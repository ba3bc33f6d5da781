namespace PhonePlatform.Smpp.Internal.Gsm;

/// <summary>
/// 3GPP TS 23.038 §6.1.2.1.1 packing of septets into octets (least significant bits first), with the fill bits of
/// 3GPP TS 23.040 §9.2.3.24 so that septets after a user data header start on a septet boundary.
/// </summary>
internal static class Gsm7Packer
{
    public static int PackedLength(int septets, int fillBits) => ((septets * 7) + fillBits + 7) / 8;

    /// <summary>Fill bits after a UDH of <paramref name="udhOctets"/> octets (UDHL included).</summary>
    public static int FillBits(int udhOctets) => (7 - (udhOctets * 8 % 7)) % 7;

    public static int Pack(ReadOnlySpan<byte> septets, int fillBits, Span<byte> destination)
    {
        var length = PackedLength(septets.Length, fillBits);
        destination[..length].Clear();
        var bit = fillBits;
        foreach (var septet in septets)
        {
            var value = (septet & 0x7F) << (bit % 8);
            destination[bit / 8] |= (byte)value;
            if ((bit % 8) > 1)
            {
                destination[(bit / 8) + 1] |= (byte)(value >> 8);
            }

            bit += 7;
        }

        return length;
    }

    public static byte[] Unpack(ReadOnlySpan<byte> packed, int fillBits)
    {
        var count = ((packed.Length * 8) - fillBits) / 7;
        var septets = new byte[count];
        var bit = fillBits;
        for (var i = 0; i < count; i++)
        {
            var index = bit / 8;
            var value = packed[index] >> (bit % 8);
            if ((bit % 8) > 1 && index + 1 < packed.Length)
            {
                value |= packed[index + 1] << (8 - (bit % 8));
            }

            septets[i] = (byte)(value & 0x7F);
            bit += 7;
        }

        return septets;
    }
}
