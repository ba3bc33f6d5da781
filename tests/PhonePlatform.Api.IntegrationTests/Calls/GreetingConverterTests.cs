using System.Buffers.Binary;
using System.Security.Cryptography;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.IntegrationTests.Support;

namespace PhonePlatform.Api.IntegrationTests.Calls;

/// <summary>The greeting upload parser against well-formed, unusual and hostile WAV files (no host needed).</summary>
public sealed class GreetingConverterTests
{
    [Fact]
    public async Task MuLaw8kMono_IsDecodedToPcm16()
    {
        // µ-law 0xFF is 0, 0x80 is +32124 (ITU-T G.711 table 2).
        var wav = Wav(tag: 7, channels: 1, rate: 8000, bits: 8, data: [0xFF, 0x80, 0xFF, 0x80]);

        var (converted, error) = await GreetingConverter.ConvertAsync(wav, default);

        Assert.Null(error);
        Assert.Equal(44 + 8, converted!.Length);
        Assert.Equal(0, BinaryPrimitives.ReadInt16LittleEndian(converted.AsSpan(44)));
        Assert.Equal(32124, BinaryPrimitives.ReadInt16LittleEndian(converted.AsSpan(46)));
    }

    [Fact]
    public async Task Pcm48kStereo_IsMixedAndDecimatedTo8kMono()
    {
        var (converted, error) = await GreetingConverter.ConvertAsync(CallHistory.ToneWav(48000, 2, 0.5), default);

        Assert.Null(error);
        Assert.Equal(44 + (4000 * 2), converted!.Length);
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(converted.AsSpan(24)));
    }

    [Fact]
    public async Task StreamedDataSize_ReadsToTheEnd()
    {
        var wav = CallHistory.ToneWav(8000, 1, 0.1);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0xFFFF_FFFF);

        var (converted, error) = await GreetingConverter.ConvertAsync(wav, default);

        Assert.Null(error);
        Assert.Equal(wav.Length, converted!.Length);
    }

    public static TheoryData<string, byte[]> Refused() => new()
    {
        { "empty", [] },
        { "not RIFF", "RIFX\0\0\0\0WAVEfmt "u8.ToArray() },
        { "header only", CallHistory.ToneWav(8000, 1, 0)[..44] },
        { "ends inside the header", CallHistory.ToneWav(8000, 1, 0.1)[..20] },
        { "three channels", Wav(1, 3, 8000, 16, new byte[60]) },
        { "G.711 at 16 kHz", Wav(6, 1, 16000, 8, new byte[16]) },
        { "44.1 kHz", Wav(1, 1, 44100, 16, new byte[16]) },
        { "24-bit PCM", Wav(1, 1, 8000, 24, new byte[18]) },
        { "IEEE float", Wav(3, 1, 8000, 32, new byte[16]) },
        { "over two minutes", CallHistory.ToneWav(8000, 1, 121) },
        { "fmt chunk of 4 GiB", HugeFmt() },
        { "data before fmt", DataBeforeFmt() },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task UnusableUpload_IsRefusedWithAReason(string what, byte[] upload)
    {
        var (converted, error) = await GreetingConverter.ConvertAsync(upload, default);

        Assert.Null(converted);
        Assert.False(string.IsNullOrWhiteSpace(error), what);
    }

    [Fact]
    public async Task RandomBytesAfterAValidRiffHeader_NeverThrow()
    {
        for (var i = 0; i < 500; i++)
        {
            var upload = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(12, 400));
            "RIFF"u8.CopyTo(upload);
            "WAVE"u8.CopyTo(upload.AsSpan(8));
            if (i % 2 == 0 && upload.Length > 16)
            {
                "fmt "u8.CopyTo(upload.AsSpan(12));
            }

            var (converted, error) = await GreetingConverter.ConvertAsync(upload, default);
            Assert.True(converted is not null ^ error is not null);
        }
    }

    private static byte[] Wav(short tag, short channels, int rate, short bits, byte[] data)
    {
        var wav = CallHistory.ToneWav(rate, 1, 0)[..44].Concat(data).ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + data.Length);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), tag);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), channels);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), bits);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data.Length);
        return wav;
    }

    private static byte[] HugeFmt()
    {
        var wav = CallHistory.ToneWav(8000, 1, 0.01);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), uint.MaxValue);
        return wav;
    }

    private static byte[] DataBeforeFmt()
    {
        var wav = CallHistory.ToneWav(8000, 1, 0.01);
        "data"u8.CopyTo(wav.AsSpan(12));
        return wav;
    }
}
