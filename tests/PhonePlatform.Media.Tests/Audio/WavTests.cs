using System.Buffers.Binary;
using PhonePlatform.Media.Audio;

namespace PhonePlatform.Media.Tests.Audio;

public class WavTests
{
    private static async Task<byte[]> ReadAllAudio(WavReader reader)
    {
        using var output = new MemoryStream();
        var buffer = new byte[333];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task WriteSamples_SeekablePcm16Mono_PatchesSizesAndReadsBack()
    {
        using var stream = new MemoryStream();
        var samples = Enumerable.Range(0, 1000).Select(i => (short)((i * 37) - 10000)).ToArray();
        await using (var writer = new WavWriter(stream, WavFormat.Telephony(WavEncoding.Pcm16), leaveOpen: true))
        {
            await writer.WriteSamplesAsync(samples);
        }

        var bytes = stream.ToArray();
        Assert.Equal(44 + 2000, bytes.Length);
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(2000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));

        stream.Position = 0;
        await using var reader = await WavReader.OpenAsync(stream);
        Assert.Equal(WavFormat.Telephony(WavEncoding.Pcm16), reader.Format);
        Assert.Equal(2000, reader.DataLength);
        var audio = await ReadAllAudio(reader);
        var decoded = Enumerable.Range(0, 1000).Select(i => BinaryPrimitives.ReadInt16LittleEndian(audio.AsSpan(2 * i))).ToArray();
        Assert.Equal(samples, decoded);
    }

    [Fact]
    public async Task Write_NonSeekableMuLawStereo_WritesStreamingHeaderAndReadsToTheEnd()
    {
        using var backing = new MemoryStream();
        var audio = Enumerable.Range(0, 640).Select(i => (byte)i).ToArray();
        await using (var writer = new WavWriter(new NonSeekableStream(backing), WavFormat.Telephony(WavEncoding.MuLaw, channels: 2)))
        {
            await writer.WriteAsync(audio.AsMemory(0, 320));
            await writer.WriteAsync(audio.AsMemory(320));
        }

        var bytes = backing.ToArray();
        Assert.Equal(0xFFFF_FFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));

        await using var reader = await WavReader.OpenAsync(new MemoryStream(bytes));
        Assert.Equal(new WavFormat(WavEncoding.MuLaw, 8000, 2), reader.Format);
        Assert.Equal(-1, reader.DataLength);
        Assert.Equal(audio, await ReadAllAudio(reader));
    }

    [Fact]
    public async Task Complete_ALawOddLength_PadsAndPatchesFactAndDataSizes()
    {
        using var stream = new MemoryStream();
        await using (var writer = new WavWriter(stream, WavFormat.Telephony(WavEncoding.ALaw), leaveOpen: true))
        {
            await writer.WriteAsync(new byte[] { 0xD5, 0xD5, 0x55 });
        }

        var bytes = stream.ToArray();
        Assert.Equal(58 + 3 + 1, bytes.Length);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(46)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(54)));
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));

        stream.Position = 0;
        await using var reader = await WavReader.OpenAsync(stream);
        Assert.Equal(WavEncoding.ALaw, reader.Format.Encoding);
        Assert.Equal(new byte[] { 0xD5, 0xD5, 0x55 }, await ReadAllAudio(reader));
    }

    [Fact]
    public async Task OpenAsync_ListChunkBeforeData_IsSkipped()
    {
        using var stream = new MemoryStream();
        await using (var writer = new WavWriter(stream, WavFormat.Telephony(WavEncoding.Pcm16), leaveOpen: true))
        {
            await writer.WriteSamplesAsync(new short[] { 1, 2, 3 });
        }

        // Insert "LIST" (5 octets of data, padded to 6) between fmt and data.
        var original = stream.ToArray();
        var list = "LIST"u8.ToArray().Concat(new byte[] { 5, 0, 0, 0, 1, 2, 3, 4, 5, 0 }).ToArray();
        var withList = original[..36].Concat(list).Concat(original[36..]).ToArray();
        await using var reader = await WavReader.OpenAsync(new MemoryStream(withList));
        Assert.Equal(6, (await ReadAllAudio(reader)).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("52494646 00000000 57415645")]
    [InlineData("52494646 00000000 41564920 666d7420 10000000")]
    [InlineData("52494646 00000000 57415645 64617461 04000000 00000000")]
    [InlineData("52494646 00000000 57415645 666d7420 10000000 0300 0100 401f0000 803e0000 0200 1000 64617461 00000000")]
    [InlineData("52494646 00000000 57415645 666d7420 10000000 0100 0100 401f0000 803e0000 0200 0800 64617461 00000000")]
    [InlineData("52494646 00000000 57415645 4c495354 ffffff7f 00")]
    public async Task OpenAsync_MalformedHeader_ThrowsInvalidData(string hex)
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => WavReader.OpenAsync(new MemoryStream(Hex.Bytes(hex))));
    }

    [Fact]
    public async Task OpenAsync_SeededMutationsOfAValidFile_EitherReadOrThrowInvalidData()
    {
        using var stream = new MemoryStream();
        await using (var writer = new WavWriter(stream, WavFormat.Telephony(WavEncoding.MuLaw), leaveOpen: true))
        {
            await writer.WriteAsync(new byte[64]);
        }

        var original = stream.ToArray();
        var random = new Random(2026);
        for (var n = 0; n < 3000; n++)
        {
            var mutated = original.ToArray();
            var length = Srtp.SrtpHostileInputTests.Mutate(random, mutated, original.Length);
            try
            {
                await using var reader = await WavReader.OpenAsync(new MemoryStream(mutated, 0, length));
                var audio = await ReadAllAudio(reader);
                Assert.True(audio.Length <= length);
            }
            catch (InvalidDataException)
            {
                // The one failure a malformed file may produce.
            }
        }
    }
}
