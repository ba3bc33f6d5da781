namespace PhonePlatform.Media.Rtp;

/// <summary>RFC 8285: the one-byte (0xBEDE) and two-byte (0x100 + appbits) header extension forms.</summary>
public static class RtpHeaderExtensions
{
    public const ushort OneByteProfile = 0xBEDE;
    public const ushort TwoByteProfileMask = 0xFFF0;
    public const ushort TwoByteProfile = 0x1000;

    /// <summary>
    /// Reads the extension elements of a parsed packet into <paramref name="elements"/>; returns how many were read,
    /// or -1 when the extension is not in an RFC 8285 form or an element overruns it.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> packet, in RtpHeader header, Span<RtpHeaderExtensionElement> elements)
    {
        if (!header.Extension)
        {
            return 0;
        }

        var oneByte = header.ExtensionProfile == OneByteProfile;
        if (!oneByte && (header.ExtensionProfile & TwoByteProfileMask) != TwoByteProfile)
        {
            return -1;
        }

        var position = header.ExtensionOffset;
        var end = header.ExtensionOffset + header.ExtensionLength;
        var count = 0;
        while (position < end)
        {
            int id;
            int length;
            if (oneByte)
            {
                // RFC 8285 §4.2: ID (4 bits) and L = length - 1; ID 0 is padding, ID 15 stops processing.
                id = packet[position] >> 4;
                if (id == 0)
                {
                    position++;
                    continue;
                }

                if (id == 15)
                {
                    break;
                }

                length = (packet[position] & 0x0F) + 1;
                position++;
            }
            else
            {
                // RFC 8285 §4.3: ID octet (0 is padding), length octet (may be 0).
                id = packet[position];
                if (id == 0)
                {
                    position++;
                    continue;
                }

                if (position + 1 >= end)
                {
                    return -1;
                }

                length = packet[position + 1];
                position += 2;
            }

            if (position + length > end)
            {
                return -1;
            }

            if (count < elements.Length)
            {
                elements[count] = new RtpHeaderExtensionElement(id, position, length);
            }

            count++;
            position += length;
        }

        return Math.Min(count, elements.Length);
    }

    /// <summary>
    /// Writes an RFC 8285 extension block (4-octet header, elements, zero padding to 32 bits) at the start of
    /// <paramref name="destination"/>; chooses the one-byte form when every element fits it. Returns octets written.
    /// </summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<(int Id, byte[] Data)> elements)
    {
        var oneByte = true;
        foreach (var (id, data) in elements)
        {
            if (id is < 1 or > 255 || data.Length > 255)
            {
                throw new ArgumentException("RFC 8285 element ids are 1-255 and data at most 255 octets.", nameof(elements));
            }

            oneByte &= id <= 14 && data.Length is >= 1 and <= 16;
        }

        var position = 4;
        foreach (var (id, data) in elements)
        {
            if (oneByte)
            {
                destination[position++] = (byte)((id << 4) | (data.Length - 1));
            }
            else
            {
                destination[position++] = (byte)id;
                destination[position++] = (byte)data.Length;
            }

            data.CopyTo(destination[position..]);
            position += data.Length;
        }

        while ((position & 3) != 0)
        {
            destination[position++] = 0;
        }

        var profile = oneByte ? OneByteProfile : TwoByteProfile;
        destination[0] = (byte)(profile >> 8);
        destination[1] = (byte)profile;
        var words = (position - 4) / 4;
        destination[2] = (byte)(words >> 8);
        destination[3] = (byte)words;
        return position;
    }
}
