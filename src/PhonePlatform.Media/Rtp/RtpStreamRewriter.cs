namespace PhonePlatform.Media.Rtp;

/// <summary>
/// Keeps one outbound RTP stream continuous while its source changes (a transfer, a prompt replaced by the
/// far party, a re-INVITE to another media server): the outbound SSRC stays fixed and the sequence numbers
/// and timestamps continue from the last packet sent (RFC 3550 §5.1, §8.2 expectations of a receiver).
/// Not thread-safe; allocation-free.
/// </summary>
public sealed class RtpStreamRewriter
{
    private readonly TimeProvider timeProvider;
    private readonly int clockRate;
    private readonly uint outboundSsrc;

    private bool haveSource;
    private uint sourceSsrc;
    private ushort sequenceOffset;
    private uint timestampOffset;
    private bool sentAny;
    private ushort lastSequence;
    private uint lastTimestamp;
    private long lastSentTicks;

    /// <param name="outboundSsrc">The SSRC every rewritten packet carries.</param>
    /// <param name="clockRate">RTP clock rate of the stream (8000 for G.711), used to advance timestamps across a gap.</param>
    /// <param name="initialSequence">First outbound sequence number (RFC 3550 §5.1 advises a random one).</param>
    /// <param name="initialTimestamp">First outbound timestamp (random, per RFC 3550 §5.1).</param>
    public RtpStreamRewriter(uint outboundSsrc, int clockRate, ushort initialSequence, uint initialTimestamp, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        this.outboundSsrc = outboundSsrc;
        this.clockRate = clockRate;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        lastSequence = (ushort)(initialSequence - 1);
        lastTimestamp = initialTimestamp;
    }

    public uint OutboundSsrc => outboundSsrc;

    /// <summary>How many times the source SSRC changed (the first source included).</summary>
    public int SourceChanges { get; private set; }

    /// <summary>
    /// Rewrites SSRC, sequence number and timestamp of an RTP packet in place. On a new source SSRC the
    /// marker bit is set, since the receiver sees a discontinuity like the start of a talkspurt.
    /// Returns false (packet untouched) when it is not a parseable RTP packet.
    /// </summary>
    public bool Rewrite(Span<byte> packet)
    {
        if (packet.Length < RtpHeader.FixedLength || (packet[0] >> 6) != RtpHeader.Version2)
        {
            return false;
        }

        var ssrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        var sequence = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var timestamp = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var now = timeProvider.GetTimestamp();
        if (!haveSource || ssrc != sourceSsrc)
        {
            // Continue right after the last packet sent; advance the timestamp by the wall-clock gap
            // (at least one unit so two packets never share a timestamp across the switch).
            var nextSequence = (ushort)(lastSequence + 1);
            uint gap = 0;
            if (sentAny)
            {
                var elapsed = timeProvider.GetElapsedTime(lastSentTicks, now);
                gap = (uint)Math.Max(1, Math.Min(uint.MaxValue / 2, elapsed.TotalSeconds * clockRate));
            }

            sequenceOffset = (ushort)(nextSequence - sequence);
            timestampOffset = lastTimestamp + gap - timestamp;
            sourceSsrc = ssrc;
            haveSource = true;
            SourceChanges++;
            RtpHeader.WriteMarker(packet, true);
        }

        var outSequence = (ushort)(sequence + sequenceOffset);
        var outTimestamp = timestamp + timestampOffset;
        RtpHeader.WriteSsrc(packet, outboundSsrc);
        RtpHeader.WriteSequenceNumber(packet, outSequence);
        RtpHeader.WriteTimestamp(packet, outTimestamp);

        // Only move "last" forward: a reordered packet of the current source keeps its own place.
        if (!sentAny || (short)(outSequence - lastSequence) > 0)
        {
            lastSequence = outSequence;
            lastTimestamp = outTimestamp;
            lastSentTicks = now;
        }

        sentAny = true;
        return true;
    }
}
