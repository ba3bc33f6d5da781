namespace PhonePlatform.Media.Rtcp;

/// <summary>RFC 3550 §6.4.1 sender report.</summary>
public sealed record RtcpSenderReport(
    uint Ssrc,
    ulong NtpTimestamp,
    uint RtpTimestamp,
    uint PacketCount,
    uint OctetCount,
    IReadOnlyList<RtcpReportBlock> ReportBlocks)
{
    /// <summary>The middle 32 bits of the NTP timestamp: what a receiver echoes as LSR.</summary>
    public uint NtpMiddle32 => (uint)(NtpTimestamp >> 16);
}

/// <summary>RFC 3550 §6.4.2 receiver report.</summary>
public sealed record RtcpReceiverReport(uint Ssrc, IReadOnlyList<RtcpReportBlock> ReportBlocks);

/// <summary>RFC 3550 §6.5 SDES item types.</summary>
public enum RtcpSdesItemType : byte
{
    End = 0,
    CanonicalName = 1,
    Name = 2,
    Email = 3,
    Phone = 4,
    Location = 5,
    Tool = 6,
    Note = 7,
    Private = 8,
}

/// <summary>One SDES item (RFC 3550 §6.5): type and UTF-8 text.</summary>
public sealed record RtcpSdesItem(RtcpSdesItemType Type, string Text);

/// <summary>One SDES chunk: an SSRC/CSRC and its items.</summary>
public sealed record RtcpSdesChunk(uint Ssrc, IReadOnlyList<RtcpSdesItem> Items);

/// <summary>RFC 3550 §6.5 source description packet.</summary>
public sealed record RtcpSourceDescription(IReadOnlyList<RtcpSdesChunk> Chunks);

/// <summary>RFC 3550 §6.6 goodbye packet.</summary>
public sealed record RtcpGoodbye(IReadOnlyList<uint> Sources, string? Reason);

/// <summary>The packets of one compound RTCP packet (RFC 3550 §6.1), by type; unknown types are counted, not kept.</summary>
public sealed class RtcpCompoundPacket
{
    public List<RtcpSenderReport> SenderReports { get; } = [];

    public List<RtcpReceiverReport> ReceiverReports { get; } = [];

    public List<RtcpSourceDescription> SourceDescriptions { get; } = [];

    public List<RtcpGoodbye> Goodbyes { get; } = [];

    /// <summary>APP, feedback (RFC 4585) and other packets this parser skips.</summary>
    public int OtherPackets { get; internal set; }
}
