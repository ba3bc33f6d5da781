namespace PhonePlatform.Smpp.Internal;

/// <summary>Reads the concatenation element of a 3GPP TS 23.040 §9.2.3.24 user data header, bounded by its UDHL.</summary>
internal static class UserDataHeader
{
    public static ConcatenationInfo? ReadConcatenation(ReadOnlySpan<byte> shortMessage)
    {
        if (shortMessage.Length == 0 || shortMessage[0] + 1 > shortMessage.Length)
        {
            return null;
        }

        var elements = shortMessage.Slice(1, shortMessage[0]);
        while (elements.Length >= 2)
        {
            var iei = elements[0];
            var length = elements[1];
            if (length + 2 > elements.Length)
            {
                return null;
            }

            var data = elements.Slice(2, length);
            switch (iei)
            {
                // §9.2.3.24.1: concatenated short messages, 8-bit reference.
                case 0x00 when length == 3:
                    return new ConcatenationInfo(data[0], data[1], data[2]);

                // §9.2.3.24.8: concatenated short messages, 16-bit reference.
                case 0x08 when length == 4:
                    return new ConcatenationInfo((data[0] << 8) | data[1], data[2], data[3]);
            }

            elements = elements[(length + 2)..];
        }

        return null;
    }
}
