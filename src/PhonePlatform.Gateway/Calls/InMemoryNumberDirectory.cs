using System.Collections.Concurrent;

namespace PhonePlatform.Gateway.Calls;

/// <summary>Numbers held in memory (single-process setups and tests; the data layer provides the persistent one).</summary>
public sealed class InMemoryNumberDirectory : INumberDirectory
{
    private readonly ConcurrentDictionary<string, NumberRoute> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid, string), string> callerNames = new();

    public void Set(NumberRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        routes[route.Number] = route;
    }

    /// <summary>A contact name shown to callees when <paramref name="callerE164"/> calls a number of the workspace.</summary>
    public void SetCallerName(Guid workspaceId, string callerE164, string name) => callerNames[(workspaceId, callerE164)] = name;

    public Task<string?> FindCallerNameAsync(Guid workspaceId, string callerE164, CancellationToken cancellationToken) =>
        Task.FromResult(callerNames.TryGetValue((workspaceId, callerE164), out var name) ? name : null);

    public Task<NumberRoute?> FindAsync(string e164Number, CancellationToken cancellationToken) =>
        Task.FromResult(routes.TryGetValue(e164Number, out var route) ? route : null);
}
