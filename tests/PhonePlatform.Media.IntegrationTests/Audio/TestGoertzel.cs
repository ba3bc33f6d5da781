namespace PhonePlatform.Media.IntegrationTests.Audio;

/// <summary>
/// Test-only Goertzel power at one frequency: the media-srtp branch's Audio/ (with its Goertzel) had not landed
/// when this test was written; switch to it once merged.
/// </summary>
internal static class TestGoertzel
{
    public static double Power(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
