namespace PhonePlatform.Media.Audio;

/// <summary>
/// The Goertzel algorithm: the power of one frequency in a block of samples, for asserting that a tone is
/// present in received audio.
/// </summary>
public static class Goertzel
{
    /// <summary>
    /// Power at <paramref name="frequency"/> relative to the block's total energy: about 1 for a pure tone at that
    /// frequency, about 0.5 for each of two equal tones, near 0 when absent.
    /// </summary>
    public static double RelativePower(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var sample in samples)
        {
            var s0 = sample + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
            energy += (double)sample * sample;
        }

        if (energy == 0)
        {
            return 0;
        }

        // |X(k)|^2 for a non-integer bin: s1^2 + s2^2 - coeff * s1 * s2. A sine of amplitude A gives (A N / 2)^2,
        // and energy N A^2 / 2; normalise so that case is 1.
        var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return power / (energy * samples.Length / 2);
    }

    /// <summary>True when <paramref name="frequency"/> carries at least <paramref name="minimumShare"/> of the energy.</summary>
    public static bool IsTonePresent(ReadOnlySpan<short> samples, double frequency, int sampleRate, double minimumShare = 0.3) =>
        RelativePower(samples, frequency, sampleRate) >= minimumShare;
}
