using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// The trunks this gateway routes over: the operator's carriers from configuration (<c>Gateway:Trunks</c>) and every
/// workspace's own trunks from PostgreSQL, reloaded every <see cref="GatewayOptions.TrunkReloadInterval"/> and at once
/// when this process changed one. A reload swaps the inbound allow-lists (<see cref="SipTrunkDirectory"/>), the routes
/// (<see cref="TrunkRouter"/>) and the OPTIONS checks (<see cref="TrunkHealthMonitor"/>); calls in progress keep their trunk.
/// </summary>
public sealed partial class TrunkCatalog(
    IServiceScopeFactory scopes,
    GatewayOptions options,
    SipTrunkDirectory directory,
    TrunkRouter router,
    TrunkHealthMonitor monitor,
    ILogger<TrunkCatalog> logger) : BackgroundService, ITrunkStates
{
    private readonly SemaphoreSlim changed = new(0);

    /// <summary>Raised after each reload (tests wait on it).</summary>
    public event Action? Reloaded;

    public void Changed() => changed.Release();

    public TrunkStateResponse? Describe(Guid trunkId)
    {
        var id = CarrierTrunks.SipIdOf(trunkId);
        var health = monitor.GetHealth(id);
        var calls = router.Statistics.Summarize(id);
        var trunk = directory.FindById(id);
        return new TrunkStateResponse(
            health.Status switch { TrunkStatus.Up => TrunkReachability.Up, TrunkStatus.Down => TrunkReachability.Down, _ => TrunkReachability.Unknown },
            health.LastStatusCode,
            health.LastRoundTrip?.TotalMilliseconds,
            health.LastChecked,
            calls.Attempts,
            calls.AnswerSeizureRatio,
            calls.PostDialDelay?.TotalMilliseconds,
            trunk is not null && router.IsHealthy(trunk));
    }

    /// <summary>Reads every trunk and puts the set in use.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // The platform's carriers first: an inbound address they claim is never taken for a workspace's trunk.
        var trunks = options.Trunks.Select(t => t.ToTrunk()).ToList();
        var routes = options.Trunks.Select((t, i) => new TrunkRoute(trunks[i], t.Prefix, t.Priority, t.CostPerMinute)).ToList();

        await using (var scope = scopes.CreateAsyncScope())
        {
            var workspaces = await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().WorkspacesWithTrunksAsync(cancellationToken);
            foreach (var workspaceId in workspaces)
            {
                await using var workspaceScope = scopes.CreateAsyncScope();
                var db = workspaceScope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
                db.UseWorkspace(workspaceId);
                var stored = await db.CarrierTrunks.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
                foreach (var trunk in stored)
                {
                    var sipTrunk = CarrierTrunks.ToSipTrunk(trunk, await ResolveAsync(trunk.Host, cancellationToken));
                    trunks.Add(sipTrunk);
                    routes.AddRange(CarrierTrunks.RoutesOf(trunk, sipTrunk));
                }
            }
        }

        directory.Replace(trunks);
        router.Replace(routes);
        monitor.Track(trunks);
        Reloaded?.Invoke();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        monitor.Start();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Changes that arrive during a reload are in it or trigger the next one; either way none is lost.
            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync(stoppingToken);
            }

            try
            {
                await ReloadAsync(stoppingToken);
            }
#pragma warning disable CA1031 // A database hiccup keeps the last good set of trunks; the next round tries again.
            catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogReloadFailed(logger, error);
            }

            try
            {
                await changed.WaitAsync(options.TrunkReloadInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        changed.Dispose();
        base.Dispose();
    }

    /// <summary>A host name's first address (IPv4 preferred); null when it does not resolve (the trunk is then skipped by calls and marked down).</summary>
    private static async Task<IPAddress?> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the carrier trunks failed; the previous set stays in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception error);
}
