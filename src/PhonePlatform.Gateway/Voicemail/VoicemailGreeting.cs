using PhonePlatform.Media.Audio;

namespace PhonePlatform.Gateway.Voicemail;

/// <summary>
/// The default greeting when a number has none of its own: no speech, a synthesized two-beep sequence
/// (2 x 300 ms of 1 kHz with 200 ms silence between) telling the caller to speak.
/// </summary>
public static class VoicemailGreeting
{
    public const double BeepFrequency = 1000;

    public static async Task<byte[]> CreateDefaultAsync(CancellationToken cancellationToken = default)
    {
        const int rate = PromptPlayer.SampleRate;
        var samples = new short[rate * 800 / 1000];
        var beep = new ToneGenerator(rate, 0.3, BeepFrequency);
        beep.Generate(samples.AsSpan(0, rate * 300 / 1000));
        beep.Generate(samples.AsSpan(rate * 500 / 1000, rate * 300 / 1000));
        using var buffer = new MemoryStream();
        await using (var writer = new WavWriter(buffer, WavFormat.Telephony(WavEncoding.Pcm16), leaveOpen: true))
        {
            await writer.WriteSamplesAsync(samples, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }
}
