using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Audio;

public class CallRecorderTests
{
    private static void WriteTone(CallRecorder recorder, RecorderChannel channel, G711Law law, ToneGenerator tone, ushort sequence, uint timestamp)
    {
        var pcm = new short[160];
        tone.Generate(pcm);
        var payload = new byte[160];
        G711.Encode(law, pcm, payload);
        var packet = new byte[172];
        RtpPacketWriter.Write(packet, (byte)law, sequence, timestamp, 1, payload);
        Assert.True(RtpHeader.TryParse(packet, out var header));
        Assert.True(recorder.Write(channel, packet, header));
    }

    private static async Task<(short[] Left, short[] Right)> ReadStereo(MemoryStream stream)
    {
        stream.Position = 0;
        await using var reader = await WavReader.OpenAsync(stream, leaveOpen: true);
        Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), reader.Format);
        using var audio = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            audio.Write(buffer, 0, read);
        }

        var bytes = audio.ToArray();
        var frames = bytes.Length / 4;
        var left = new short[frames];
        var right = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = BitConverter.ToInt16(bytes, 4 * i);
            right[i] = BitConverter.ToInt16(bytes, (4 * i) + 2);
        }

        return (left, right);
    }

    [Fact]
    public async Task Write_TwoDirections_RecordsEachToItsOwnChannel()
    {
        using var stream = new MemoryStream();
        var recorder = new CallRecorder(stream, leaveOpen: true);
        var leftTone = new ToneGenerator(8000, 0.5, 1000);
        var rightTone = new ToneGenerator(8000, 0.5, 2000);
        for (var i = 0; i < 50; i++)
        {
            WriteTone(recorder, RecorderChannel.Left, G711Law.MuLaw, leftTone, (ushort)i, (uint)(i * 160));
            WriteTone(recorder, RecorderChannel.Right, G711Law.ALaw, rightTone, (ushort)(900 + i), (uint)(77_000 + (i * 160)));
        }

        await recorder.DisposeAsync();
        var (left, right) = await ReadStereo(stream);
        Assert.Equal(8000, left.Length);
        Assert.True(Goertzel.IsTonePresent(left, 1000, 8000, 0.9));
        Assert.True(Goertzel.IsTonePresent(right, 2000, 8000, 0.9));
        Assert.False(Goertzel.IsTonePresent(left, 2000, 8000, 0.05));
        Assert.Equal(0, recorder.DroppedPackets);
    }

    [Fact]
    public async Task Write_LostPackets_AreFilledWithSilenceInPlace()
    {
        using var stream = new MemoryStream();
        var recorder = new CallRecorder(stream, leaveOpen: true);
        var tone = new ToneGenerator(8000, 0.5, 1000);
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 5)
            {
                continue;
            }

            WriteTone(recorder, RecorderChannel.Left, G711Law.MuLaw, tone, (ushort)i, (uint)(i * 160));
        }

        await recorder.CompleteAsync();
        var (left, right) = await ReadStereo(stream);
        Assert.Equal(1600, left.Length);
        Assert.All(left.AsSpan(640, 320).ToArray(), s => Assert.Equal(0, s));
        Assert.Contains(left.AsSpan(0, 160).ToArray(), s => s != 0);
        Assert.Contains(left.AsSpan(960, 160).ToArray(), s => s != 0);
        Assert.All(right, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Write_OnlyOneDirectionForThreeSeconds_WritesAsItGoesWithSilentOtherSide()
    {
        using var stream = new MemoryStream();
        var recorder = new CallRecorder(stream, queueCapacity: 1000, leaveOpen: true);
        var tone = new ToneGenerator(8000, 0.5, 700);
        for (var i = 0; i < 150; i++)
        {
            WriteTone(recorder, RecorderChannel.Right, G711Law.MuLaw, tone, (ushort)i, (uint)(i * 160));
        }

        await recorder.CompleteAsync();
        var (left, right) = await ReadStereo(stream);
        Assert.Equal(24000, right.Length);
        Assert.All(left, s => Assert.Equal(0, s));
        Assert.True(Goertzel.IsTonePresent(right, 700, 8000, 0.9));
    }

    [Fact]
    public async Task Write_TelephoneEventPackets_AreIgnored()
    {
        using var stream = new MemoryStream();
        var recorder = new CallRecorder(stream, leaveOpen: true);
        var packet = new byte[16];
        RtpPacketWriter.Write(packet, 101, 1, 0, 1, new byte[] { 1, 0, 0, 160 });
        Assert.True(RtpHeader.TryParse(packet, out var header));
        Assert.True(recorder.Write(RecorderChannel.Left, packet, header));
        await recorder.CompleteAsync();
        Assert.Equal(0, recorder.FramesWritten);
    }
}
