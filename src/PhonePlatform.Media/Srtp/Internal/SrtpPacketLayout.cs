using System.Buffers.Binary;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>Just enough RTP/RTCP header reading for SRTP to find what it protects (RFC 3550 §5.1, §6.4).</summary>
internal static class SrtpPacketLayout
{
    public const int RtpFixedHeaderLength = 12;
    public const int RtcpProtectedPrefixLength = 8;

    /// <summary>The RTP header length with CSRCs and extension, or false when the header does not fit.</summary>
    public static bool TryGetRtpHeaderLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < RtpFixedHeaderLength || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var length = RtpFixedHeaderLength + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the extension.
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }

    public static ushort ReadSequenceNumber(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);

    public static uint ReadRtpSsrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);

    public static uint ReadRtcpSenderSsrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    public static bool IsRtcpVersion2(ReadOnlySpan<byte> packet) => packet.Length >= RtcpProtectedPrefixLength && (packet[0] >> 6) == 2;
}
