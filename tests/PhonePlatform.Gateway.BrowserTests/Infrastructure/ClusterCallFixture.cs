using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Cluster;
using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// Two gateway nodes of one cluster on loopback: the call fixture's host is node A (softphones register there), and
/// <see cref="NodeB"/> is a second host process-alike with its own SIP port and media ports over the same database,
/// sharing the SIP token key so credentials issued by either node work on both.
/// </summary>
public sealed class ClusterCallFixture : CallFixture
{
    public const string NodeA = "node-a";

    private readonly string tokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ClusterCallFixture() => NodeB.ExtraServices = services => services.AddSingleton<ICallObserver>(NodeBCalls);

    public KestrelHost NodeB { get; } = new();

    /// <summary>Every call event node B raised.</summary>
    public RecordingCallObserver NodeBCalls { get; } = new();

    public B2bua NodeBB2bua => NodeB.App.Services.GetRequiredService<B2bua>();

    /// <summary>Where node B takes SIP from trunks (and from its peers).</summary>
    public IPEndPoint NodeBSipEndPoint =>
        NodeB.App.Services.GetRequiredService<BrowserSipEdge>().Stack.Transports.First(t => t.Kind == SipTransportKind.Udp).LocalEndPoint;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (key, value) in Host.Settings)
        {
            NodeB.Settings[key] = value;
        }

        // Node B takes the upper half of node A's media port block.
        var first = int.Parse(Host.Settings["Gateway:MediaPortFirst"]!, CultureInfo.InvariantCulture);
        NodeB.Settings["Gateway:MediaPortFirst"] = (first + 100).ToString(CultureInfo.InvariantCulture);
        NodeB.Settings["Gateway:MediaPortLast"] = (first + 198).ToString(CultureInfo.InvariantCulture);
        NodeB.Settings["Sip:NodeId"] = "node-b";
        NodeB.Settings["Storage:KeyFile"] = Host.KeyFile;
        NodeB.SharedDatabase = Host.ConnectionString;
        await NodeB.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Waits until node B's last heartbeat read node A back as a live peer.</summary>
    public async Task<bool> WaitUntilNodeBSeesNodeAAsync(TimeSpan timeout)
    {
        var registry = NodeB.App.Services.GetRequiredService<GatewayNodeRegistry>();
        var until = DateTime.UtcNow + timeout;
        while (!registry.TryFindPeer(NodeA, out _) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        return registry.TryFindPeer(NodeA, out _);
    }

    protected override void ConfigureHost(Dictionary<string, string?> settings)
    {
        base.ConfigureHost(settings);
        ArgumentNullException.ThrowIfNull(settings);
        settings["Gateway:MediaPortLast"] = (int.Parse(settings["Gateway:MediaPortFirst"]!, CultureInfo.InvariantCulture) + 98).ToString(CultureInfo.InvariantCulture);
        settings["Sip:NodeId"] = NodeA;
        settings["Sip:TokenKey"] = tokenKey;
        settings["Cluster:HeartbeatInterval"] = "00:00:01";
    }
}
