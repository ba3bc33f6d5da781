using System.Buffers.Binary;

using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Media.IntegrationTests.Audio;

/// <summary>Builds 20 ms PCMU RTP packets (RFC 3550 §5.1, RFC 3551 payload type 0) of a sine tone.</summary>
internal sealed class PcmuToneSender(double frequency, uint ssrc)
{
    private const int SamplesPerPacket = 160;
    private ushort sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    private uint timestamp = (uint)Random.Shared.Next();
    private long sampleIndex;

    public byte[] NextPacket()
    {
        var packet = new byte[12 + SamplesPerPacket];
        packet[0] = 0x80;
        packet[1] = (byte)(sampleIndex == 0 ? 0x80 : 0x00); // marker on the first packet, PT 0
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (var i = 0; i < SamplesPerPacket; i++, sampleIndex++)
        {
            var sample = (short)(0.4 * short.MaxValue * Math.Sin(2 * Math.PI * frequency * sampleIndex / 8000));
            packet[12 + i] = G711.EncodeMuLaw(sample);
        }

        timestamp += SamplesPerPacket;
        return packet;
    }
}
