using System.Collections.Frozen;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Gateway;
using PhonePlatform.Api.Sip;
using PhonePlatform.Data;
using PhonePlatform.Data.Sip;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Api.Cluster;

/// <summary>
/// This gateway node's row in <c>GatewayNodes</c> (its id, internal SIP address, heartbeat, drain state) and the
/// live peers read back with each heartbeat, so routing a call to another node never waits for the database.
/// </summary>
public sealed partial class GatewayNodeRegistry(
    IServiceScopeFactory scopes,
    PostgresLocationOptions location,
    TrunkSipTransports transports,
    GatewayOptions gateway,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<GatewayNodeRegistry> logger) : BackgroundService, IGatewayCluster
{
    private readonly ClusterOptions settings = options.Value;
    private volatile FrozenDictionary<string, SipEndPoint> peers = FrozenDictionary<string, SipEndPoint>.Empty;
    private volatile FrozenSet<SipEndPoint> peerAddresses = FrozenSet<SipEndPoint>.Empty;
    private DateTimeOffset? drainingSince;

    public string LocalNodeId => location.NodeId;

    /// <summary>Where peers reach this node: UDP, the internal host, the port the transport got.</summary>
    public SipEndPoint LocalEndPoint { get; } = LocalAddress(transports, gateway, options.Value);

    public bool TryFindPeer(string nodeId, out SipEndPoint endPoint) => peers.TryGetValue(nodeId, out endPoint);

    public bool IsPeer(SipEndPoint source) => peerAddresses.Contains(source with { ConnectionId = 0 });

    /// <summary>Records the drain so peers stop routing calls here at their next refresh.</summary>
    public Task MarkDrainingAsync(CancellationToken cancellationToken)
    {
        drainingSince ??= clock.GetUtcNow();
        return HeartbeatAsync(cancellationToken);
    }

    /// <summary>One heartbeat: upsert this node, then read the live peers (not draining, seen within three intervals).</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        var now = clock.GetUtcNow();
        var transport = LocalEndPoint.Transport.ToViaToken().ToLowerInvariant();
        var host = LocalEndPoint.Address.Address.ToString();
        var port = LocalEndPoint.Address.Port;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "GatewayNodes" ("NodeId", "SipTransport", "SipHost", "SipPort", "StartedAt", "SeenAt", "DrainingSince")
            VALUES ({LocalNodeId}, {transport}, {host}, {port}, {now}, {now}, {drainingSince})
            ON CONFLICT ("NodeId") DO UPDATE SET "SipTransport" = EXCLUDED."SipTransport", "SipHost" = EXCLUDED."SipHost",
                "SipPort" = EXCLUDED."SipPort", "SeenAt" = EXCLUDED."SeenAt", "DrainingSince" = EXCLUDED."DrainingSince"
            """,
            cancellationToken);
        var since = now - (3 * settings.HeartbeatInterval);
        var live = await db.GatewayNodes.AsNoTracking()
            .Where(n => n.NodeId != LocalNodeId && n.SeenAt > since && n.DrainingSince == null)
            .ToListAsync(cancellationToken);
        var found = new Dictionary<string, SipEndPoint>(StringComparer.Ordinal);
        foreach (var node in live)
        {
            if (IPAddress.TryParse(node.SipHost, out var address))
            {
                found[node.NodeId] = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(address, node.SipPort));
            }
        }

        peers = found.ToFrozenDictionary(StringComparer.Ordinal);
        peerAddresses = found.Values.ToFrozenSet();
    }

    /// <summary>Removes this node's row when it stops: its flows are gone with it.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        await db.GatewayNodes.Where(n => n.NodeId == LocalNodeId).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, clock);
        do
        {
            try
            {
                await HeartbeatAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is briefly away: keep the last peers and try again at the next tick.
                LogHeartbeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static SipEndPoint LocalAddress(TrunkSipTransports transports, GatewayOptions gateway, ClusterOptions cluster)
    {
        var udp = transports.Transports.First(t => t.Kind == SipTransportKind.Udp).LocalEndPoint;
        var host = cluster.NodeSipHost
            ?? (udp.Address.Equals(IPAddress.Any) ? gateway.AdvertisedHost : udp.Address.ToString())
            ?? throw new InvalidOperationException("Cluster:NodeSipHost is required when the gateway binds SIP to every address.");
        return new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse(host), udp.Port));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway node heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
