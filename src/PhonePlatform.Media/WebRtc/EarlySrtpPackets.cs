using System.Buffers;

namespace PhonePlatform.Media.WebRtc;

// The browser may send SRTP as soon as it has our DTLS Finished (RFC 5764 §4.2), which can be before our handshake
// thread has exported the keys, by a second or more on a loaded host. Those packets are held, up to about two seconds of
// audio, and decrypted in order once the keys are installed, instead of being dropped as if they were forged.
// Used only on the leg's receive loop.
internal sealed class EarlySrtpPackets
{
    private const int Capacity = 100;
    private readonly Queue<ArraySegment<byte>> held = new();

    public int Count => held.Count;

    public void Hold(ReadOnlySpan<byte> packet, Transport.MediaCounters counters)
    {
        if (held.Count >= Capacity)
        {
            counters.CountRtpDropped();
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(packet.Length);
        packet.CopyTo(copy);
        held.Enqueue(new ArraySegment<byte>(copy, 0, packet.Length));
    }

    public void Drain(Action<ArraySegment<byte>> process)
    {
        while (held.TryDequeue(out var packet))
        {
            try
            {
                process(packet);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(packet.Array!);
            }
        }
    }
}
