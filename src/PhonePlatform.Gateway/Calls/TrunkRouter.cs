using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Orders the trunks a destination may take: healthy trunks before unhealthy ones, then the most specific prefix,
/// then priority (lower first), then cost. The B2BUA tries them in this order and fails over within the call.
/// </summary>
public sealed class TrunkRouter(IReadOnlyList<TrunkRoute> routes, Func<SipTrunk, bool> isHealthy)
{
    public IReadOnlyList<SipTrunk> Candidates(string e164Destination)
    {
        ArgumentNullException.ThrowIfNull(e164Destination);
        return routes
            .Where(r => e164Destination.StartsWith(r.Prefix, StringComparison.Ordinal))
            .OrderByDescending(r => isHealthy(r.Trunk))
            .ThenByDescending(r => r.Prefix.Length)
            .ThenBy(r => r.Priority)
            .ThenBy(r => r.CostPerMinute)
            .Select(r => r.Trunk)
            .DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>RFC 3261 §21: responses after which another trunk may still complete the call.</summary>
    public static bool ShouldFailOver(int statusCode) => statusCode is 408 or 500 or 502 or 503 or 504 || statusCode == 0;
}
