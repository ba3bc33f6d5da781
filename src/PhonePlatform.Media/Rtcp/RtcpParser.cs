using System.Buffers.Binary;
using System.Text;

namespace PhonePlatform.Media.Rtcp;

/// <summary>
/// Parses compound RTCP packets (RFC 3550 §6.1, validity checks of Appendix A.2). Never throws on hostile
/// input: anything structurally wrong makes the whole compound packet invalid.
/// </summary>
public static class RtcpParser
{
    public const int HeaderLength = 4;

    /// <summary>Parses every packet of a compound packet; false when any header or length is inconsistent.</summary>
    public static bool TryParseCompound(ReadOnlySpan<byte> data, out RtcpCompoundPacket compound)
    {
        compound = new RtcpCompoundPacket();
        if (data.Length < HeaderLength)
        {
            return false;
        }

        var position = 0;
        while (position < data.Length)
        {
            var remaining = data[position..];
            if (remaining.Length < HeaderLength || (remaining[0] >> 6) != 2)
            {
                return false;
            }

            // RFC 3550 §6.4.1: length is in 32-bit words minus one, header included.
            var length = 4 * (BinaryPrimitives.ReadUInt16BigEndian(remaining[2..]) + 1);
            if (length > remaining.Length)
            {
                return false;
            }

            var packet = remaining[..length];
            var padding = (packet[0] & 0x20) != 0;
            if (padding)
            {
                // A.2: only the last packet of a compound may be padded.
                var paddingLength = packet[^1];
                if (position + length != data.Length || paddingLength == 0 || paddingLength > length - HeaderLength)
                {
                    return false;
                }

                packet = packet[..(length - paddingLength)];
            }

            var count = packet[0] & 0x1F;
            var parsed = (RtcpPacketType)packet[1] switch
            {
                RtcpPacketType.SenderReport => TryParseSenderReport(packet, count, compound),
                RtcpPacketType.ReceiverReport => TryParseReceiverReport(packet, count, compound),
                RtcpPacketType.SourceDescription => TryParseSourceDescription(packet, count, compound),
                RtcpPacketType.Goodbye => TryParseGoodbye(packet, count, compound),
                _ => CountOther(compound),
            };
            if (!parsed)
            {
                return false;
            }

            position += length;
        }

        return true;
    }

    private static bool CountOther(RtcpCompoundPacket compound)
    {
        compound.OtherPackets++;
        return true;
    }

    private static bool TryParseSenderReport(ReadOnlySpan<byte> packet, int count, RtcpCompoundPacket compound)
    {
        // Header, SSRC and 20-octet sender info, then report blocks.
        if (packet.Length < 28 + (count * RtcpReportBlock.Length))
        {
            return false;
        }

        compound.SenderReports.Add(new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[24..]),
            ReadReportBlocks(packet[28..], count)));
        return true;
    }

    private static bool TryParseReceiverReport(ReadOnlySpan<byte> packet, int count, RtcpCompoundPacket compound)
    {
        if (packet.Length < 8 + (count * RtcpReportBlock.Length))
        {
            return false;
        }

        compound.ReceiverReports.Add(new RtcpReceiverReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            ReadReportBlocks(packet[8..], count)));
        return true;
    }

    private static RtcpReportBlock[] ReadReportBlocks(ReadOnlySpan<byte> data, int count)
    {
        var blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++)
        {
            var block = data.Slice(i * RtcpReportBlock.Length, RtcpReportBlock.Length);
            var lost = (block[5] << 16) | (block[6] << 8) | block[7];

            // Sign-extend the 24-bit cumulative loss.
            if ((lost & 0x800000) != 0)
            {
                lost |= unchecked((int)0xFF000000);
            }

            blocks[i] = new RtcpReportBlock(
                BinaryPrimitives.ReadUInt32BigEndian(block),
                block[4],
                lost,
                BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
                BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
        }

        return blocks;
    }

    private static bool TryParseSourceDescription(ReadOnlySpan<byte> packet, int count, RtcpCompoundPacket compound)
    {
        var chunks = new List<RtcpSdesChunk>(count);
        var position = HeaderLength;
        for (var c = 0; c < count; c++)
        {
            if (position + 4 > packet.Length)
            {
                return false;
            }

            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[position..]);
            position += 4;
            var items = new List<RtcpSdesItem>();
            while (true)
            {
                if (position >= packet.Length)
                {
                    return false;
                }

                var type = packet[position];
                if (type == 0)
                {
                    // RFC 3550 §6.5: the list ends with a null octet, then padding to the next 32-bit boundary.
                    position = (position + 4) & ~3;
                    break;
                }

                if (position + 2 > packet.Length || position + 2 + packet[position + 1] > packet.Length)
                {
                    return false;
                }

                var text = Encoding.UTF8.GetString(packet.Slice(position + 2, packet[position + 1]));
                items.Add(new RtcpSdesItem((RtcpSdesItemType)type, text));
                position += 2 + packet[position + 1];
            }

            if (position > packet.Length)
            {
                return false;
            }

            chunks.Add(new RtcpSdesChunk(ssrc, items));
        }

        compound.SourceDescriptions.Add(new RtcpSourceDescription(chunks));
        return true;
    }

    private static bool TryParseGoodbye(ReadOnlySpan<byte> packet, int count, RtcpCompoundPacket compound)
    {
        var end = HeaderLength + (4 * count);
        if (end > packet.Length)
        {
            return false;
        }

        var sources = new uint[count];
        for (var i = 0; i < count; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(packet[(HeaderLength + (4 * i))..]);
        }

        string? reason = null;
        if (end < packet.Length)
        {
            var reasonLength = packet[end];
            if (end + 1 + reasonLength > packet.Length)
            {
                return false;
            }

            reason = Encoding.UTF8.GetString(packet.Slice(end + 1, reasonLength));
        }

        compound.Goodbyes.Add(new RtcpGoodbye(sources, reason));
        return true;
    }
}
