namespace PhonePlatform.Media.Audio;

/// <summary>
/// Generates one or two summed sine tones (a dial tone, a DTMF pair) as 16-bit samples, keeping phase across
/// calls so consecutive frames join without clicks.
/// </summary>
public sealed class ToneGenerator
{
    private readonly double[] phaseSteps;
    private readonly double[] phases;
    private readonly double amplitude;

    /// <param name="sampleRate">Samples per second.</param>
    /// <param name="amplitude">Peak of each tone as a share of full scale (the sum must stay at or below 1).</param>
    /// <param name="frequencies">One or more tone frequencies in Hz.</param>
    public ToneGenerator(int sampleRate, double amplitude, params double[] frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(frequencies);
        if (frequencies.Length == 0 || amplitude <= 0 || amplitude * frequencies.Length > 1.0)
        {
            throw new ArgumentException("At least one frequency, and a summed amplitude in (0, 1].", nameof(frequencies));
        }

        phaseSteps = frequencies.Select(f => 2 * Math.PI * f / sampleRate).ToArray();
        phases = new double[frequencies.Length];
        this.amplitude = amplitude * short.MaxValue;
    }

    /// <summary>RFC 4733 / ITU-T Q.23 DTMF frequency pair of a digit.</summary>
    public static (double Low, double High) DtmfFrequencies(char digit)
    {
        const string keys = "123A456B789C*0#D";
        var index = keys.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit.", nameof(digit));
        }

        double[] rows = [697, 770, 852, 941];
        double[] columns = [1209, 1336, 1477, 1633];
        return (rows[index / 4], columns[index % 4]);
    }

    public void Generate(Span<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            var value = 0.0;
            for (var t = 0; t < phases.Length; t++)
            {
                value += Math.Sin(phases[t]);
                phases[t] += phaseSteps[t];
                if (phases[t] > 2 * Math.PI)
                {
                    phases[t] -= 2 * Math.PI;
                }
            }

            samples[i] = (short)Math.Round(value * amplitude);
        }
    }
}
