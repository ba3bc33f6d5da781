namespace PhonePlatform.MediaLoad;

/// <summary>One-way latencies in 1 µs buckets up to 100 ms (one overflow bucket above); safe to record from several threads.</summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 100_000;
    private readonly long[] counts = new long[Buckets + 1];
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Record(TimeSpan latency)
    {
        var micros = (long)latency.TotalMicroseconds;
        Interlocked.Increment(ref counts[Math.Clamp(micros, 0, Buckets)]);
        Interlocked.Increment(ref count);
    }

    public static LatencyHistogram Merge(IEnumerable<LatencyHistogram> histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            for (var i = 0; i <= Buckets; i++)
            {
                merged.counts[i] += histogram.counts[i];
            }

            merged.count += histogram.Count;
        }

        return merged;
    }

    /// <summary>The latency in µs below which <paramref name="fraction"/> of the samples fall (the overflow reads as 100 ms).</summary>
    public long Percentile(double fraction)
    {
        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += counts[i];
            if (seen >= rank && seen > 0)
            {
                return i;
            }
        }

        return 0;
    }
}
