using System.Buffers.Binary;
using System.Diagnostics;

namespace PhonePlatform.MediaLoad;

/// <summary>
/// The load test's RTP packets: PCMU, 160-octet payload whose first octets carry the call index and the
/// <see cref="Stopwatch"/> timestamp of the send, so the receiver computes one-way latency through the relay.
/// SSRCs carry the call index too, so a shared generator socket can tell calls apart before decrypting.
/// </summary>
internal static class LoadPacket
{
    public const int PayloadLength = 160;
    public const int HeaderLength = 12;
    public const int Length = HeaderLength + PayloadLength;

    public static uint GeneratorBrowserSsrc(int call) => 0x1000_0000u | (uint)call;

    public static uint GeneratorTrunkSsrc(int call) => 0x2000_0000u | (uint)call;

    /// <summary>What the relay sends toward the browser.</summary>
    public static uint BrowserSsrc(int call) => 0x3000_0000u | (uint)call;

    /// <summary>What the relay sends toward the trunk.</summary>
    public static uint TrunkSsrc(int call) => 0x4000_0000u | (uint)call;

    public static int CallOf(uint ssrc) => (int)(ssrc & 0x0FFF_FFFF);

    public static int Write(Span<byte> packet, uint ssrc, ushort sequence, int call)
    {
        packet[0] = 0x80;
        packet[1] = 0; // PCMU
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
        var payload = packet.Slice(HeaderLength, PayloadLength);
        payload.Fill(0xFF);
        BinaryPrimitives.WriteInt32BigEndian(payload, call);
        BinaryPrimitives.WriteInt64BigEndian(payload[4..], Stopwatch.GetTimestamp());
        return Length;
    }

    public static uint ReadSsrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);

    /// <summary>The call index and send timestamp from a plain packet, or false when it is not one of ours.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out int call, out long sentTimestamp)
    {
        call = 0;
        sentTimestamp = 0;
        if (packet.Length < Length || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var payload = packet[HeaderLength..];
        call = BinaryPrimitives.ReadInt32BigEndian(payload);
        sentTimestamp = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        return true;
    }
}
