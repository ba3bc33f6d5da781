using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Orders the trunks a destination may take: healthy trunks (<see cref="IsHealthy"/>) before unhealthy ones, then the caller's workspace's own
/// trunks before the platform's carriers, then the most specific prefix, then priority (lower first), then cost.
/// The B2BUA tries them in this order and fails over within the call. The routes can be replaced at any time
/// (trunks edited through the API); health is asked per call, so OPTIONS results and call outcomes count at once.
/// </summary>
public sealed class TrunkRouter(IReadOnlyList<TrunkRoute> routes, Func<SipTrunk, bool> isHealthy, TimeProvider? time = null)
{
    private volatile IReadOnlyList<TrunkRoute> routes = routes;

    public IReadOnlyList<TrunkRoute> Routes => routes;

    /// <summary>Answer-seizure ratio and post-dial delay of recent attempts, fed by the B2BUA.</summary>
    public TrunkCallStatistics Statistics { get; } = new(time ?? TimeProvider.System);

    public void Replace(IReadOnlyList<TrunkRoute> replacement) => routes = replacement;

    /// <summary>Candidates among the platform's carriers only.</summary>
    public IReadOnlyList<SipTrunk> Candidates(string e164Destination) => Candidates(null, e164Destination);

    public IReadOnlyList<SipTrunk> Candidates(Guid? workspaceId, string e164Destination)
    {
        ArgumentNullException.ThrowIfNull(e164Destination);
        return routes
            .Where(r => (r.WorkspaceId is null || r.WorkspaceId == workspaceId) && e164Destination.StartsWith(r.Prefix, StringComparison.Ordinal))
            .OrderByDescending(r => IsHealthy(r.Trunk))
            .ThenByDescending(r => r.WorkspaceId is not null)
            .ThenByDescending(r => r.Prefix.Length)
            .ThenBy(r => r.Priority)
            .ThenBy(r => r.CostPerMinute)
            .Select(r => r.Trunk)
            .DistinctBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reachable by OPTIONS (or not yet known) and not failing its recent calls.</summary>
    public bool IsHealthy(SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return isHealthy(trunk) && !Statistics.IsFailing(trunk.Id);
    }

    /// <summary>The workspace a trunk belongs to; null for a platform carrier (or a trunk no longer routed).</summary>
    public Guid? OwnerOf(SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return routes.FirstOrDefault(r => string.Equals(r.Trunk.Id, trunk.Id, StringComparison.Ordinal))?.WorkspaceId;
    }

    /// <summary>RFC 3261 §21: responses after which another trunk may still complete the call (0: no answer at all).</summary>
    public static bool ShouldFailOver(int statusCode) => statusCode is 408 or 500 or 502 or 503 or 504 || statusCode == 0;
}
