using System.Buffers.Binary;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Api.Calls;

/// <summary>
/// Turns an uploaded greeting into what the gateway plays: a RIFF/WAVE of 16-bit PCM, 8 kHz, mono. Accepts 16-bit PCM
/// at 8, 16, 24, 32 or 48 kHz and G.711 (A-law, µ-law) at 8 kHz, mono or stereo; stereo is mixed down and higher rates
/// are decimated by averaging (a box filter, enough for speech prompts). Anything else is refused with a reason.
/// </summary>
public static class GreetingConverter
{
    public const int SampleRate = 8000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromMinutes(2);

    /// <returns>The converted WAV, or the reason the upload is not acceptable.</returns>
    public static async Task<(byte[]? Wav, string? Error)> ConvertAsync(byte[] upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        WavReader reader;
        try
        {
            reader = await WavReader.OpenAsync(new MemoryStream(upload, writable: false), cancellationToken: cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"Not a usable WAV file: {ex.Message}");
        }

        await using (reader)
        {
            var format = reader.Format;
            if (format.Channels > 2)
            {
                return (null, $"The greeting has {format.Channels} channels; send mono or stereo.");
            }

            if (format.Encoding != WavEncoding.Pcm16 && format.SampleRate != SampleRate)
            {
                return (null, "G.711 greetings must be 8000 Hz.");
            }

            if (format.SampleRate % SampleRate != 0 || format.SampleRate / SampleRate is not (1 or 2 or 3 or 4 or 6))
            {
                return (null, $"Sample rate {format.SampleRate} Hz is not supported; use 8000, 16000, 24000, 32000 or 48000 Hz.");
            }

            var audio = new byte[upload.Length];
            var length = 0;
            int read;
            while ((read = await reader.ReadAsync(audio.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            var frames = length / format.BlockAlign;
            if (frames == 0)
            {
                return (null, "The greeting has no audio.");
            }

            if (TimeSpan.FromSeconds((double)frames / format.SampleRate) > MaxLength)
            {
                return (null, $"The greeting is longer than {MaxLength.TotalSeconds:0} seconds.");
            }

            var samples = Downsample(Mix(audio.AsSpan(0, frames * format.BlockAlign), format), format.SampleRate / SampleRate);
            using var output = new MemoryStream();
            await using (var writer = new WavWriter(output, WavFormat.Telephony(WavEncoding.Pcm16), leaveOpen: true))
            {
                await writer.WriteSamplesAsync(samples, cancellationToken);
                await writer.CompleteAsync(cancellationToken);
            }

            return (output.ToArray(), null);
        }
    }

    // Decodes every frame to one linear sample (the average of its channels).
    private static short[] Mix(ReadOnlySpan<byte> audio, WavFormat format)
    {
        var bytesPerSample = format.BitsPerSample / 8;
        var frames = audio.Length / format.BlockAlign;
        var mixed = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < format.Channels; channel++)
            {
                var at = (frame * format.BlockAlign) + (channel * bytesPerSample);
                sum += format.Encoding switch
                {
                    WavEncoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(audio[at..]),
                    WavEncoding.ALaw => G711.DecodeALaw(audio[at]),
                    _ => G711.DecodeMuLaw(audio[at]),
                };
            }

            mixed[frame] = (short)(sum / format.Channels);
        }

        return mixed;
    }

    private static short[] Downsample(short[] samples, int factor)
    {
        if (factor == 1)
        {
            return samples;
        }

        var output = new short[samples.Length / factor];
        for (var i = 0; i < output.Length; i++)
        {
            var sum = 0;
            for (var j = 0; j < factor; j++)
            {
                sum += samples[(i * factor) + j];
            }

            output[i] = (short)(sum / factor);
        }

        return output;
    }
}
