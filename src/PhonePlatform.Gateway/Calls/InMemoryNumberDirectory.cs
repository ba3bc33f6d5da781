using System.Collections.Concurrent;

namespace PhonePlatform.Gateway.Calls;

/// <summary>Numbers held in memory (single-process setups and tests; the data layer provides the persistent one).</summary>
public sealed class InMemoryNumberDirectory : INumberDirectory
{
    private readonly ConcurrentDictionary<string, NumberRoute> routes = new(StringComparer.Ordinal);

    public void Set(NumberRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        routes[route.Number] = route;
    }

    public Task<NumberRoute?> FindAsync(string e164Number, CancellationToken cancellationToken) =>
        Task.FromResult(routes.TryGetValue(e164Number, out var route) ? route : null);
}
