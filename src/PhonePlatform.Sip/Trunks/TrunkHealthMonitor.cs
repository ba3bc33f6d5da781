using System.Collections.Concurrent;

namespace PhonePlatform.Sip.Trunks;

/// <summary>
/// Sends OPTIONS to every trunk at its <see cref="SipTrunk.OptionsInterval"/> and keeps its health: any final response
/// except 408 (our own timeout) and 503 proves the carrier alive (RFC 3261 §11); <see cref="SipTrunk.FailuresBeforeDown"/>
/// failures in a row mark it down, one success marks it up.
/// </summary>
public sealed class TrunkHealthMonitor : IAsyncDisposable
{
    private readonly SipStack stack;
    private readonly ConcurrentDictionary<string, TrunkHealth> health = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SipTrunk Trunk, ITimer? Timer)> tracked = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool started;

    public TrunkHealthMonitor(SipStack stack, IEnumerable<SipTrunk> trunks)
    {
        this.stack = stack;
        Track(trunks);
    }

    /// <summary>Raised when a trunk changes between up and down.</summary>
    public event Action<SipTrunk, TrunkHealth>? HealthChanged;

    /// <summary>The health of the trunk with this <see cref="SipTrunk.Id"/>; <see cref="TrunkHealth.Initial"/> when unknown.</summary>
    public TrunkHealth GetHealth(string trunkId) => health.TryGetValue(trunkId, out var value) ? value : TrunkHealth.Initial;

    /// <summary>Starts the periodic checks on the stack's clock.</summary>
    public void Start()
    {
        lock (gate)
        {
            started = true;
            foreach (var (id, entry) in tracked.ToList())
            {
                tracked[id] = (entry.Trunk, entry.Timer ?? Schedule(entry.Trunk));
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="trunks"/> the set that is checked: new trunks start with unknown health, removed ones
    /// stop being checked, and a trunk whose address or interval changed starts over.
    /// </summary>
    public void Track(IEnumerable<SipTrunk> trunks)
    {
        ArgumentNullException.ThrowIfNull(trunks);
        var wanted = trunks.DistinctBy(t => t.Id, StringComparer.Ordinal).ToDictionary(t => t.Id, StringComparer.Ordinal);
        lock (gate)
        {
            foreach (var (id, entry) in tracked.ToList())
            {
                if (!wanted.TryGetValue(id, out var trunk) || !SameTarget(trunk, entry.Trunk))
                {
                    entry.Timer?.Dispose();
                    tracked.Remove(id);
                    health.TryRemove(id, out _);
                }
            }

            foreach (var (id, trunk) in wanted)
            {
                if (!tracked.ContainsKey(id))
                {
                    health[id] = TrunkHealth.Initial;
                    tracked[id] = (trunk, started ? Schedule(trunk) : null);
                }
            }
        }
    }

    private static bool SameTarget(SipTrunk a, SipTrunk b) =>
        a.Host == b.Host && a.Port == b.Port && a.Transport == b.Transport && a.OptionsInterval == b.OptionsInterval && a.FailuresBeforeDown == b.FailuresBeforeDown;

    // A zero interval turns the keep-alive off (a peer that cannot take OPTIONS); its health stays unknown.
    private ITimer? Schedule(SipTrunk trunk) =>
        trunk.OptionsInterval > TimeSpan.Zero ? stack.TimeProvider.CreateTimer(_ => _ = CheckAsync(trunk), null, TimeSpan.Zero, trunk.OptionsInterval) : null;

    /// <summary>One OPTIONS round to <paramref name="trunk"/>; returns the updated health.</summary>
    public async Task<TrunkHealth> CheckAsync(SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var destination = trunk.EndPoint;
        int status;
        TimeSpan? roundTrip = null;
        if (destination is null)
        {
            status = 503;
        }
        else
        {
            var target = SipUri.Parse($"sip:{trunk.Host}:{trunk.Port}");
            var from = new SipNameAddress(stack.CreateContactUri(trunk.Transport, "keepalive"));
            var options = stack.CreateRequest(SipMethods.Options, target, from, new SipNameAddress(target));
            var started = stack.TimeProvider.GetTimestamp();
            try
            {
                var transaction = await stack.SendRequestAsync(options, destination.Value);
                status = (await transaction.FinalResponse).StatusCode;
                roundTrip = stack.TimeProvider.GetElapsedTime(started);
            }
            catch (InvalidOperationException)
            {
                status = 503;
            }
        }

        var alive = status is not (408 or 503);
        TrunkHealth updated;
        TrunkHealth previous;
        do
        {
            if (!health.TryGetValue(trunk.Id, out var current))
            {
                // No longer tracked (removed while the OPTIONS was out).
                return TrunkHealth.Initial;
            }

            previous = current;

            var failures = alive ? 0 : previous.ConsecutiveFailures + 1;
            var state = alive ? TrunkStatus.Up : failures >= trunk.FailuresBeforeDown ? TrunkStatus.Down : previous.Status;
            updated = new TrunkHealth(state, failures, stack.TimeProvider.GetUtcNow(), roundTrip, status);
        }
        while (!health.TryUpdate(trunk.Id, updated, previous));

        if (updated.Status != previous.Status)
        {
            HealthChanged?.Invoke(trunk, updated);
        }

        return updated;
    }

    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            foreach (var entry in tracked.Values)
            {
                entry.Timer?.Dispose();
            }

            tracked.Clear();
        }

        return ValueTask.CompletedTask;
    }
}
