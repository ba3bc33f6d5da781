using System.Buffers.Binary;
using System.Text;

namespace PhonePlatform.Media.Rtcp;

/// <summary>
/// Builds RTCP packets into a caller's buffer; concatenating them gives a compound packet (RFC 3550 §6.1:
/// start with SR or RR, include SDES CNAME, end with BYE when leaving).
/// </summary>
public static class RtcpWriter
{
    public static int WriteSenderReport(Span<byte> destination, RtcpSenderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var length = 28 + (RtcpReportBlock.Length * report.ReportBlocks.Count);
        WriteHeader(destination, report.ReportBlocks.Count, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], report.Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], report.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], report.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], report.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], report.OctetCount);
        WriteReportBlocks(destination[28..], report.ReportBlocks);
        return length;
    }

    public static int WriteReceiverReport(Span<byte> destination, RtcpReceiverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var length = 8 + (RtcpReportBlock.Length * report.ReportBlocks.Count);
        WriteHeader(destination, report.ReportBlocks.Count, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], report.Ssrc);
        WriteReportBlocks(destination[8..], report.ReportBlocks);
        return length;
    }

    public static int WriteSourceDescription(Span<byte> destination, RtcpSourceDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var position = 4;
        foreach (var chunk in description.Chunks)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], chunk.Ssrc);
            position += 4;
            foreach (var item in chunk.Items)
            {
                var text = Encoding.UTF8.GetBytes(item.Text);
                if (text.Length > 255)
                {
                    throw new ArgumentException("SDES items hold at most 255 octets.", nameof(description));
                }

                destination[position] = (byte)item.Type;
                destination[position + 1] = (byte)text.Length;
                text.CopyTo(destination[(position + 2)..]);
                position += 2 + text.Length;
            }

            // A null item ends the list, padded with nulls to a 32-bit boundary (at least one null).
            do
            {
                destination[position++] = 0;
            }
            while ((position & 3) != 0);
        }

        WriteHeader(destination, description.Chunks.Count, RtcpPacketType.SourceDescription, position);
        return position;
    }

    public static int WriteGoodbye(Span<byte> destination, RtcpGoodbye goodbye)
    {
        ArgumentNullException.ThrowIfNull(goodbye);
        var position = 4;
        foreach (var source in goodbye.Sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], source);
            position += 4;
        }

        if (goodbye.Reason is not null)
        {
            var reason = Encoding.UTF8.GetBytes(goodbye.Reason);
            if (reason.Length > 255)
            {
                throw new ArgumentException("A BYE reason holds at most 255 octets.", nameof(goodbye));
            }

            destination[position] = (byte)reason.Length;
            reason.CopyTo(destination[(position + 1)..]);
            position += 1 + reason.Length;
            while ((position & 3) != 0)
            {
                destination[position++] = 0;
            }
        }

        WriteHeader(destination, goodbye.Sources.Count, RtcpPacketType.Goodbye, position);
        return position;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int length)
    {
        if (count > 31)
        {
            throw new ArgumentException("At most 31 report blocks, chunks or sources fit one packet.", nameof(count));
        }

        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }

    private static void WriteReportBlocks(Span<byte> destination, IReadOnlyList<RtcpReportBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var span = destination.Slice(i * RtcpReportBlock.Length, RtcpReportBlock.Length);
            BinaryPrimitives.WriteUInt32BigEndian(span, block.Ssrc);
            span[4] = block.FractionLost;
            var lost = Math.Clamp(block.CumulativeLost, -0x800000, 0x7FFFFF) & 0xFFFFFF;
            span[5] = (byte)(lost >> 16);
            span[6] = (byte)(lost >> 8);
            span[7] = (byte)lost;
            BinaryPrimitives.WriteUInt32BigEndian(span[8..], block.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(span[12..], block.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(span[16..], block.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(span[20..], block.DelaySinceLastSenderReport);
        }
    }
}
