using System.Collections.Concurrent;
using System.Net;

namespace PhonePlatform.Sip.Protection;

/// <summary>
/// A token bucket per source IP address, refilled at <see cref="SipProtectionOptions.RequestsPerSecondPerSource"/>.
/// Idle buckets are pruned so a spoofed-source flood cannot grow the table without bound.
/// </summary>
public sealed class SourceRateLimiter(SipProtectionOptions options, TimeProvider timeProvider)
{
    private const int MaxTrackedSources = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> buckets = new();

    public int TrackedSources => buckets.Count;

    public bool TryAcquire(IPAddress source)
    {
        var now = timeProvider.GetTimestamp();
        if (buckets.Count >= MaxTrackedSources)
        {
            Prune(now);
        }

        var bucket = buckets.GetOrAdd(source, static (_, state) => new Bucket(state.burst, state.now), (burst: options.BurstPerSource, now));
        lock (bucket)
        {
            var elapsed = timeProvider.GetElapsedTime(bucket.LastRefill, now).TotalSeconds;
            bucket.Tokens = Math.Min(options.BurstPerSource, bucket.Tokens + (elapsed * options.RequestsPerSecondPerSource));
            bucket.LastRefill = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private void Prune(long now)
    {
        foreach (var (address, bucket) in buckets)
        {
            if (timeProvider.GetElapsedTime(bucket.LastRefill, now) > TimeSpan.FromMinutes(1))
            {
                buckets.TryRemove(address, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long lastRefill)
    {
        public double Tokens { get; set; } = tokens;

        public long LastRefill { get; set; } = lastRefill;
    }
}
