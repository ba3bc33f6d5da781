using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// The menu prompt when a number has no recorded one: no speech, three short 600 Hz tones telling the caller to press
/// a digit (distinct from the voicemail beeps, so a caller can tell which one answered).
/// </summary>
public static class MenuPrompt
{
    public const double ToneFrequency = 600;

    public static Task<byte[]> CreateDefaultAsync(CancellationToken cancellationToken = default) =>
        PromptWav.TonesAsync(ToneFrequency, 700, [(0, 150), (250, 150), (500, 150)], cancellationToken);
}
