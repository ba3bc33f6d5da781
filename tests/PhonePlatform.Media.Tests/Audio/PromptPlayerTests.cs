using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Audio;

public class PromptPlayerTests
{
    private static async Task<MemoryStream> TonePrompt(WavEncoding encoding, int samples, double frequency)
    {
        var pcm = new short[samples];
        new ToneGenerator(8000, 0.5, frequency).Generate(pcm);
        var stream = new MemoryStream();
        await using (var writer = new WavWriter(stream, WavFormat.Telephony(encoding), leaveOpen: true))
        {
            if (encoding == WavEncoding.Pcm16)
            {
                await writer.WriteSamplesAsync(pcm);
            }
            else
            {
                var codes = new byte[samples];
                G711.Encode(encoding == WavEncoding.ALaw ? G711Law.ALaw : G711Law.MuLaw, pcm, codes);
                await writer.WriteAsync(codes);
            }
        }

        stream.Position = 0;
        return stream;
    }

    [Fact]
    public async Task PlayAsync_OneSecondPcmPrompt_Sends50FramesPacedEvery20Milliseconds()
    {
        var clock = new FakeTimeProvider();
        var sent = Channel.CreateUnbounded<byte[]>();
        var player = new PromptPlayer(G711Law.MuLaw, 0xABCD, 500, 8000, clock);
        await using var prompt = await WavReader.OpenAsync(await TonePrompt(WavEncoding.Pcm16, 8000, 1000));
        var playing = player.PlayAsync(prompt, (buffer, length, _) =>
        {
            Assert.True(buffer.Length >= length + Media.Srtp.SrtpSession.MaxProtectOverhead);
            sent.Writer.TryWrite(buffer[..length].ToArray());
            return ValueTask.CompletedTask;
        });

        var packets = new List<byte[]> { await sent.Reader.ReadAsync() };
        for (var i = 1; i < 50; i++)
        {
            // Nothing more goes out until the clock moves 20 ms.
            Assert.False(sent.Reader.TryRead(out _));
            clock.Advance(PromptPlayer.FrameDuration);
            packets.Add(await sent.Reader.ReadAsync());
        }

        Assert.Equal(50, await playing);
        var headers = packets.Select(p => { Assert.True(RtpHeader.TryParse(p, out var h)); return h; }).ToList();
        Assert.Equal(Enumerable.Range(500, 50).Select(i => (ushort)i), headers.Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (uint)(8000 + (i * 160))), headers.Select(h => h.Timestamp));
        Assert.True(headers[0].Marker);
        Assert.All(headers.Skip(1), h => Assert.False(h.Marker));
        Assert.All(headers, h => Assert.Equal(160, h.PayloadLength));

        var decoded = new short[160 * 50];
        for (var i = 0; i < 50; i++)
        {
            G711.Decode(G711Law.MuLaw, packets[i].AsSpan(12, 160), decoded.AsSpan(i * 160, 160));
        }

        Assert.True(Goertzel.IsTonePresent(decoded, 1000, 8000, 0.9));
    }

    [Fact]
    public async Task PlayAsync_TwoPromptsInARow_ContinueSequenceAndTimestamp()
    {
        var clock = new FakeTimeProvider();
        var headers = new List<RtpHeader>();
        var player = new PromptPlayer(G711Law.ALaw, 1, 65534, 0, clock);
        RtpFrameSender send = (buffer, length, _) =>
        {
            Assert.True(RtpHeader.TryParse(buffer.Span[..length], out var h));
            headers.Add(h);
            return ValueTask.CompletedTask;
        };

        foreach (var encoding in new[] { WavEncoding.MuLaw, WavEncoding.ALaw })
        {
            // 170 samples: one full frame and one padded frame.
            await using var prompt = await WavReader.OpenAsync(await TonePrompt(encoding, 170, 500));
            var playing = player.PlayAsync(prompt, send);
            while (!playing.IsCompleted)
            {
                clock.Advance(PromptPlayer.FrameDuration);
                await Task.Yield();
            }

            Assert.Equal(2, await playing);
        }

        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, headers.Select(h => h.SequenceNumber));
        Assert.Equal(new uint[] { 0, 160, 320, 480 }, headers.Select(h => h.Timestamp));
        Assert.All(headers, h => Assert.Equal(8, h.PayloadType));
    }

    [Fact]
    public async Task PlayAsync_WidebandPrompt_IsRejected()
    {
        var stream = new MemoryStream();
        await using (var writer = new WavWriter(stream, new WavFormat(WavEncoding.Pcm16, 16000, 1), leaveOpen: true))
        {
            await writer.WriteSamplesAsync(new short[320]);
        }

        stream.Position = 0;
        await using var prompt = await WavReader.OpenAsync(stream);
        var player = new PromptPlayer(G711Law.MuLaw, 1, 0, 0, new FakeTimeProvider());
        await Assert.ThrowsAsync<NotSupportedException>(() => player.PlayAsync(prompt, (_, _, _) => ValueTask.CompletedTask));
    }
}
