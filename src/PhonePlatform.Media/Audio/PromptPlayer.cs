using System.Buffers.Binary;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Audio;

/// <summary>
/// Streams WAV prompts into a leg as 20 ms G.711 RTP frames, paced by a <see cref="TimeProvider"/>. Sequence
/// numbers and timestamps continue across prompts, so consecutive prompts form one RTP stream. Accepts 8 kHz mono
/// prompts in 16-bit PCM, µ-law or A-law (transcoded to the leg's law when they differ).
/// </summary>
public sealed class PromptPlayer
{
    public const int SampleRate = 8000;
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    public const int SamplesPerFrame = 160;

    private readonly G711Law law;
    private readonly uint ssrc;
    private readonly TimeProvider timeProvider;
    private ushort nextSequence;
    private uint nextTimestamp;

    public PromptPlayer(G711Law law, uint ssrc, ushort initialSequence, uint initialTimestamp, TimeProvider? timeProvider = null)
    {
        this.law = law;
        this.ssrc = ssrc;
        nextSequence = initialSequence;
        nextTimestamp = initialTimestamp;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Plays one prompt to its end (a last partial frame is padded with silence).</summary>
    /// <returns>The number of frames sent.</returns>
    public async Task<int> PlayAsync(WavReader prompt, RtpFrameSender send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(send);
        var format = prompt.Format;
        if (format.SampleRate != SampleRate || format.Channels != 1)
        {
            throw new NotSupportedException($"Prompts must be 8 kHz mono; this one is {format.SampleRate} Hz, {format.Channels} channels.");
        }

        var frameOctets = SamplesPerFrame * format.BlockAlign;
        var input = new byte[frameOctets];
        var payload = new byte[SamplesPerFrame];
        var packet = new byte[RtpHeader.FixedLength + SamplesPerFrame + SrtpSession.MaxProtectOverhead];
        var samples = new short[SamplesPerFrame];
        using var timer = new PeriodicTimer(FrameDuration, timeProvider);
        var frames = 0;
        while (true)
        {
            var read = await ReadFrameAsync(prompt, input, cancellationToken);
            if (read == 0)
            {
                return frames;
            }

            input.AsSpan(read).Fill(format.Encoding switch
            {
                WavEncoding.MuLaw => (byte)0xFF,
                WavEncoding.ALaw => (byte)0xD5,
                _ => (byte)0,
            });
            ToPayload(format.Encoding, input, samples, payload);

            // RFC 3551 §4.1: the marker bit flags the first packet of a talkspurt: the start of the prompt.
            var length = RtpPacketWriter.Write(packet, (byte)law, nextSequence, nextTimestamp, ssrc, payload, marker: frames == 0);
            if (frames > 0)
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }

            await send(packet, length, cancellationToken);
            nextSequence++;
            nextTimestamp += SamplesPerFrame;
            frames++;
        }
    }

    private static async ValueTask<int> ReadFrameAsync(WavReader prompt, byte[] frame, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < frame.Length)
        {
            var read = await prompt.ReadAsync(frame.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private void ToPayload(WavEncoding encoding, ReadOnlySpan<byte> input, Span<short> samples, Span<byte> payload)
    {
        if ((encoding == WavEncoding.MuLaw && law == G711Law.MuLaw) || (encoding == WavEncoding.ALaw && law == G711Law.ALaw))
        {
            input.CopyTo(payload);
            return;
        }

        switch (encoding)
        {
            case WavEncoding.Pcm16:
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(input[(2 * i)..]);
                }

                break;
            case WavEncoding.MuLaw:
                G711.Decode(G711Law.MuLaw, input, samples);
                break;
            default:
                G711.Decode(G711Law.ALaw, input, samples);
                break;
        }

        G711.Encode(law, samples, payload);
    }
}
