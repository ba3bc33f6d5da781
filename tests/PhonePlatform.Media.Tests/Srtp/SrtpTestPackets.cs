using System.Buffers.Binary;

namespace PhonePlatform.Media.Tests.Srtp;

internal static class SrtpTestPackets
{
    /// <summary>An RTP packet (PCMU, 160 octets of payload) in a buffer with room for SRTP overhead.</summary>
    public static (byte[] Buffer, int Length) Rtp(ushort sequence, uint ssrc = 0x11223344, int payloadLength = 160, bool withCsrcAndExtension = false)
    {
        var header = withCsrcAndExtension ? 12 + 8 + 4 + 8 : 12;
        var buffer = new byte[header + payloadLength + 64];
        buffer[0] = (byte)(withCsrcAndExtension ? 0x80 | 0x10 | 2 : 0x80);
        buffer[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), ssrc);
        if (withCsrcAndExtension)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(12), 0xAAAA0001);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16), 0xAAAA0002);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(20), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(22), 2);
            buffer[24] = 0x10;
            buffer[25] = 0x7F;
        }

        for (var i = 0; i < payloadLength; i++)
        {
            buffer[header + i] = (byte)(sequence + i);
        }

        return (buffer, header + payloadLength);
    }

    /// <summary>An RTCP receiver report with one report block.</summary>
    public static (byte[] Buffer, int Length) Rtcp(uint ssrc = 0x11223344)
    {
        var buffer = new byte[32 + 64];
        buffer[0] = 0x81;
        buffer[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), ssrc);
        for (var i = 8; i < 32; i++)
        {
            buffer[i] = (byte)i;
        }

        return (buffer, 32);
    }
}
