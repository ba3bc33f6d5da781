using System.Buffers;
using System.Threading.Channels;
using PhonePlatform.Media.Audio.Internal;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Audio;

/// <summary>
/// Records both directions of a call as one 8 kHz stereo 16-bit WAV stream (left and right channel per direction)
/// written to any <see cref="Stream"/> (an encrypting stream in production). The relay's tap calls
/// <see cref="Write"/> synchronously; the payload is copied into a bounded queue and a background loop decodes,
/// aligns by RTP timestamp (gaps become silence) and writes. Memory stays bounded: when the queue is full, packets
/// are dropped and counted rather than stalling the relay.
/// </summary>
public sealed class CallRecorder : IAsyncDisposable
{
    private const int SampleRate = 8000;

    // A direction may run ahead of the other by one second before the silent side is padded.
    private const int MaxSkewSamples = SampleRate;

    // The longest gap filled with silence from one packet to the next (longer gaps are hold or a new source).
    private const int MaxGapSamples = SampleRate * 2;

    private readonly Channel<RecordedPacket> queue;
    private readonly WavWriter writer;
    private readonly Task drain;
    private readonly ChannelState[] channels = [new(), new()];
    private long droppedPackets;

    /// <param name="destination">Where the WAV goes; seekable streams get exact sizes, others a streaming header.</param>
    /// <param name="queueCapacity">Packets held between the relay and the writer (500 is 10 s of two 20 ms streams).</param>
    public CallRecorder(Stream destination, int queueCapacity = 500, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        writer = new WavWriter(destination, new WavFormat(WavEncoding.Pcm16, SampleRate, 2), leaveOpen);
        queue = Channel.CreateBounded<RecordedPacket>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        drain = Task.Run(DrainAsync);
    }

    /// <summary>Packets dropped because the writer fell behind.</summary>
    public long DroppedPackets => Interlocked.Read(ref droppedPackets);

    /// <summary>Stereo sample frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>
    /// Queues the G.711 payload of one RTP packet for <paramref name="channel"/>; other payload types
    /// (telephone-event, comfort noise) are ignored. Never blocks.
    /// </summary>
    /// <returns>False when the packet was dropped because the queue is full or the recorder completed.</returns>
    public bool Write(RecorderChannel channel, ReadOnlySpan<byte> packet, in RtpHeader header)
    {
        if (header.PayloadType is not ((byte)G711Law.MuLaw or (byte)G711Law.ALaw) || header.PayloadLength == 0)
        {
            return true;
        }

        var payload = ArrayPool<byte>.Shared.Rent(header.PayloadLength);
        packet.Slice(header.PayloadOffset, header.PayloadLength).CopyTo(payload);
        var item = new RecordedPacket(channel, (G711Law)header.PayloadType, header.Timestamp, payload, header.PayloadLength);
        if (queue.Writer.TryWrite(item))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(payload);
        Interlocked.Increment(ref droppedPackets);
        return false;
    }

    /// <summary>Stops accepting packets, writes what is queued and finishes the WAV.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        queue.Writer.TryComplete();
        await drain.WaitAsync(cancellationToken);
        await FlushAsync(final: true, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync();
        await writer.DisposeAsync();
    }

    private async Task DrainAsync()
    {
        var samples = new short[MaxGapSamples];
        await foreach (var packet in queue.Reader.ReadAllAsync())
        {
            try
            {
                Accept(packet, samples);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(packet.Payload);
            }

            await FlushAsync(final: false, CancellationToken.None);
        }
    }

    private void Accept(RecordedPacket packet, short[] samples)
    {
        var state = channels[(int)packet.Channel];
        if (state.HaveTimestamp)
        {
            var gap = (int)(packet.Timestamp - state.NextTimestamp);
            if (gap < 0 && gap > -MaxGapSamples)
            {
                // Late or duplicate: its place has been written already.
                return;
            }

            if (gap > 0 && gap <= MaxGapSamples)
            {
                state.Samples.AppendSilence(gap);
            }
        }

        G711.Decode(packet.Law, packet.Payload.AsSpan(0, packet.Length), samples);
        state.Samples.Append(samples.AsSpan(0, packet.Length));
        state.NextTimestamp = packet.Timestamp + (uint)packet.Length;
        state.HaveTimestamp = true;
    }

    private async ValueTask FlushAsync(bool final, CancellationToken cancellationToken)
    {
        var left = channels[0].Samples;
        var right = channels[1].Samples;

        // One side silent (hold, one-way audio) or finished: pad it so the other does not grow without bound.
        if (final || left.Count > MaxSkewSamples || right.Count > MaxSkewSamples)
        {
            var target = Math.Max(left.Count, right.Count);
            left.AppendSilence(target - left.Count);
            right.AppendSilence(target - right.Count);
        }

        var frames = Math.Min(left.Count, right.Count);
        if (frames == 0)
        {
            return;
        }

        var interleaved = ArrayPool<short>.Shared.Rent(frames * 2);
        try
        {
            var l = left.Peek(frames);
            var r = right.Peek(frames);
            for (var i = 0; i < frames; i++)
            {
                interleaved[2 * i] = l[i];
                interleaved[(2 * i) + 1] = r[i];
            }

            left.Drop(frames);
            right.Drop(frames);
            await writer.WriteSamplesAsync(interleaved.AsMemory(0, frames * 2), cancellationToken);
            FramesWritten += frames;
        }
        finally
        {
            ArrayPool<short>.Shared.Return(interleaved);
        }
    }

    private readonly record struct RecordedPacket(RecorderChannel Channel, G711Law Law, uint Timestamp, byte[] Payload, int Length);

    private sealed class ChannelState
    {
        public SampleQueue Samples { get; } = new(MaxSkewSamples + MaxGapSamples + SampleRate);

        public bool HaveTimestamp { get; set; }

        public uint NextTimestamp { get; set; }
    }
}
