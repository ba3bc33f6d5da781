using PhonePlatform.Media.Audio;

namespace PhonePlatform.Gateway.Media;

/// <summary>Synthesized prompts (tones, no speech) as the 8 kHz mono 16-bit WAV that <see cref="LegPrompt"/> plays.</summary>
public static class PromptWav
{
    /// <summary><paramref name="lengthMs"/> of silence with tones of <paramref name="frequency"/> at the given spans.</summary>
    public static Task<byte[]> TonesAsync(double frequency, int lengthMs, (int StartMs, int LengthMs)[] tones, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tones);
        const int rate = PromptPlayer.SampleRate;
        var samples = new short[rate * lengthMs / 1000];
        var tone = new ToneGenerator(rate, 0.3, frequency);
        foreach (var (start, length) in tones)
        {
            tone.Generate(samples.AsSpan(rate * start / 1000, rate * length / 1000));
        }

        return EncodeAsync(samples, cancellationToken);
    }

    public static async Task<byte[]> EncodeAsync(short[] samples, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new WavWriter(buffer, WavFormat.Telephony(WavEncoding.Pcm16), leaveOpen: true))
        {
            await writer.WriteSamplesAsync(samples, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }
}
