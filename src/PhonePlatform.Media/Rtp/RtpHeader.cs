using System.Buffers.Binary;

namespace PhonePlatform.Media.Rtp;

/// <summary>
/// A parsed RTP fixed header and the positions of its CSRC list, header extension, payload and padding
/// (RFC 3550 §5.1, §5.3.1). A value type over offsets: parsing allocates nothing.
/// </summary>
public readonly record struct RtpHeader
{
    public const int FixedLength = 12;
    public const int Version2 = 2;

    public bool Padding { get; init; }

    public bool Extension { get; init; }

    public int CsrcCount { get; init; }

    public bool Marker { get; init; }

    public byte PayloadType { get; init; }

    public ushort SequenceNumber { get; init; }

    public uint Timestamp { get; init; }

    public uint Ssrc { get; init; }

    /// <summary>RFC 3550 §5.3.1: the 16-bit profile-defined value (0xBEDE one-byte, 0x100x two-byte per RFC 8285).</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>Offset of the extension data (after its 4-octet header); 0 when there is none.</summary>
    public int ExtensionOffset { get; init; }

    /// <summary>Length in octets of the extension data (a multiple of 4).</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Octets of header: fixed part, CSRCs and extension.</summary>
    public int HeaderLength { get; init; }

    public int PayloadLength { get; init; }

    /// <summary>RFC 3550 §5.1: padding octets at the end, the last of which counts them.</summary>
    public int PaddingLength { get; init; }

    public int PayloadOffset => HeaderLength;

    /// <summary>
    /// Parses an RTP header; false for anything that is not a well-formed version 2 packet
    /// (never throws on hostile input).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength || (packet[0] >> 6) != Version2)
        {
            return false;
        }

        var padding = (packet[0] & 0x20) != 0;
        var extension = (packet[0] & 0x10) != 0;
        var csrcCount = packet[0] & 0x0F;
        var length = FixedLength + (4 * csrcCount);
        ushort extensionProfile = 0;
        var extensionOffset = 0;
        var extensionLength = 0;
        if (extension)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            extensionProfile = BinaryPrimitives.ReadUInt16BigEndian(packet[length..]);
            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            extensionOffset = length + 4;
            length = extensionOffset + extensionLength;
        }

        if (length > packet.Length)
        {
            return false;
        }

        var paddingLength = 0;
        if (padding)
        {
            // RFC 3550 §5.1: the last octet counts the padding, itself included; zero is invalid.
            paddingLength = packet[^1];
            if (paddingLength == 0 || length + paddingLength > packet.Length)
            {
                return false;
            }
        }

        header = new RtpHeader
        {
            Padding = padding,
            Extension = extension,
            CsrcCount = csrcCount,
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = (byte)(packet[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            ExtensionProfile = extensionProfile,
            ExtensionOffset = extensionOffset,
            ExtensionLength = extensionLength,
            HeaderLength = length,
            PayloadLength = packet.Length - length - paddingLength,
            PaddingLength = paddingLength,
        };
        return true;
    }

    /// <summary>The CSRC identifier at <paramref name="index"/> (RFC 3550 §5.1).</summary>
    public static uint ReadCsrc(ReadOnlySpan<byte> packet, int index) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + (4 * index))..]);

    public static void WriteSequenceNumber(Span<byte> packet, ushort sequenceNumber) =>
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);

    public static void WriteTimestamp(Span<byte> packet, uint timestamp) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);

    public static void WriteSsrc(Span<byte> packet, uint ssrc) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);

    public static void WritePayloadType(Span<byte> packet, byte payloadType) =>
        packet[1] = (byte)((packet[1] & 0x80) | (payloadType & 0x7F));

    public static void WriteMarker(Span<byte> packet, bool marker) =>
        packet[1] = (byte)(marker ? packet[1] | 0x80 : packet[1] & 0x7F);
}
