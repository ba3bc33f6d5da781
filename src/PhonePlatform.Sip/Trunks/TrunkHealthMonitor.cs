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
    private readonly IReadOnlyList<SipTrunk> trunks;
    private readonly ConcurrentDictionary<string, TrunkHealth> health = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ITimer> timers = [];

    public TrunkHealthMonitor(SipStack stack, IEnumerable<SipTrunk> trunks)
    {
        this.stack = stack;
        this.trunks = trunks.ToList();
        foreach (var trunk in this.trunks)
        {
            health[trunk.Name] = TrunkHealth.Initial;
        }
    }

    /// <summary>Raised when a trunk changes between up and down.</summary>
    public event Action<SipTrunk, TrunkHealth>? HealthChanged;

    public TrunkHealth GetHealth(string trunkName) => health.TryGetValue(trunkName, out var value) ? value : TrunkHealth.Initial;

    /// <summary>Starts the periodic checks on the stack's clock.</summary>
    public void Start()
    {
        foreach (var trunk in trunks)
        {
            timers.Add(stack.TimeProvider.CreateTimer(_ => _ = CheckAsync(trunk), null, TimeSpan.Zero, trunk.OptionsInterval));
        }
    }

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
            previous = GetHealth(trunk.Name);
            var failures = alive ? 0 : previous.ConsecutiveFailures + 1;
            var state = alive ? TrunkStatus.Up : failures >= trunk.FailuresBeforeDown ? TrunkStatus.Down : previous.Status;
            updated = new TrunkHealth(state, failures, stack.TimeProvider.GetUtcNow(), roundTrip, status);
        }
        while (!health.TryUpdate(trunk.Name, updated, previous));

        if (updated.Status != previous.Status)
        {
            HealthChanged?.Invoke(trunk, updated);
        }

        return updated;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
