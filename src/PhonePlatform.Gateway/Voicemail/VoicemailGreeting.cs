using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Voicemail;

/// <summary>
/// The default greeting when a number has none of its own: no speech, a synthesized two-beep sequence
/// (2 x 300 ms of 1 kHz with 200 ms silence between) telling the caller to speak.
/// </summary>
public static class VoicemailGreeting
{
    public const double BeepFrequency = 1000;

    public static Task<byte[]> CreateDefaultAsync(CancellationToken cancellationToken = default) =>
        PromptWav.TonesAsync(BeepFrequency, 800, [(0, 300), (500, 300)], cancellationToken);
}
