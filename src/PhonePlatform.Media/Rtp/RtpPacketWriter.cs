using System.Buffers.Binary;

namespace PhonePlatform.Media.Rtp;

/// <summary>Builds RTP packets into a caller's buffer (RFC 3550 §5.1).</summary>
public static class RtpPacketWriter
{
    /// <summary>
    /// Writes a packet: fixed header, <paramref name="csrcs"/>, an optional ready-made extension block
    /// (as <see cref="RtpHeaderExtensions.Write"/> produces), the payload and <paramref name="paddingLength"/> padding octets.
    /// </summary>
    /// <returns>The packet length.</returns>
    public static int Write(
        Span<byte> destination,
        byte payloadType,
        ushort sequenceNumber,
        uint timestamp,
        uint ssrc,
        ReadOnlySpan<byte> payload,
        bool marker = false,
        ReadOnlySpan<uint> csrcs = default,
        ReadOnlySpan<byte> extensionBlock = default,
        int paddingLength = 0)
    {
        if (csrcs.Length > 15)
        {
            throw new ArgumentException("At most 15 CSRCs fit the 4-bit CC field.", nameof(csrcs));
        }

        if (payloadType > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "Payload types are 7 bits.");
        }

        if (paddingLength is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(paddingLength), paddingLength, "Padding is 0-255 octets.");
        }

        if (!extensionBlock.IsEmpty && (extensionBlock.Length < 4 || (extensionBlock.Length & 3) != 0))
        {
            throw new ArgumentException("An extension block is a 4-octet header and 32-bit words.", nameof(extensionBlock));
        }

        var total = RtpHeader.FixedLength + (4 * csrcs.Length) + extensionBlock.Length + payload.Length + paddingLength;
        if (destination.Length < total)
        {
            throw new ArgumentException($"The packet needs {total} octets.", nameof(destination));
        }

        destination[0] = (byte)((RtpHeader.Version2 << 6) | (paddingLength > 0 ? 0x20 : 0) | (extensionBlock.IsEmpty ? 0 : 0x10) | csrcs.Length);
        destination[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        var position = RtpHeader.FixedLength;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], csrc);
            position += 4;
        }

        extensionBlock.CopyTo(destination[position..]);
        position += extensionBlock.Length;
        payload.CopyTo(destination[position..]);
        position += payload.Length;
        if (paddingLength > 0)
        {
            destination.Slice(position, paddingLength - 1).Clear();
            destination[position + paddingLength - 1] = (byte)paddingLength;
            position += paddingLength;
        }

        return position;
    }
}
