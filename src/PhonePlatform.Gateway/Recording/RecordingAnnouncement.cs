using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Recording;

/// <summary>
/// The prompt played to both parties before a recording starts when the number asks for it: no speech, three short
/// 1.4 kHz beeps (the recording warning tone of common practice, ITU-T V.18-like cadence) over 1.2 s.
/// </summary>
public static class RecordingAnnouncement
{
    public const double BeepFrequency = 1400;

    public static Task<byte[]> CreateDefaultAsync(CancellationToken cancellationToken = default) =>
        PromptWav.TonesAsync(BeepFrequency, 1200, [(0, 200), (400, 200), (800, 200)], cancellationToken);
}
