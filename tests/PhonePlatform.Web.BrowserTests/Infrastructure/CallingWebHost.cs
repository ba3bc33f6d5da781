using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Smpp.Tests.Integration;

namespace PhonePlatform.Web.BrowserTests.Infrastructure;

/// <summary>
/// The host wired to carriers: its gateway with one loopback trunk (sipp on <see cref="CarrierPort"/>), a media port
/// block of its own and an 8 s ring timeout, as in the gateway's browser tests; its SMS role bound to the SMPP
/// simulator (<see cref="Smsc"/>).
/// </summary>
public sealed class CallingWebHost : WebHost
{
    /// <summary>Call test classes run one after the other: each call holds Chromium, sipp and the gateway busy.</summary>
    public const string Collection = "Web calls";

    private static int nextNumber = Random.Shared.Next(0, 100);

    public int CarrierPort { get; } = Sipp.FreeUdpPort();

    internal SmscSimulator Smsc { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smsc = await SmscSimulator.StartAsync();
        await base.InitializeAsync();
    }

    protected override async Task DisposePeersAsync() => await Smsc.DisposeAsync();

    /// <summary>Where the gateway takes SIP from trunks.</summary>
    public IPEndPoint GatewaySipEndPoint =>
        Services.GetRequiredService<BrowserSipEdge>().Stack.Transports.First(t => t.Kind == SipTransportKind.Udp).LocalEndPoint;

    public B2bua B2bua => Services.GetRequiredService<B2bua>();

    /// <summary>A fresh US number for one test (each workspace's number must route only to it).</summary>
    public static string NewNumber() =>
        "+1415556" + (Interlocked.Increment(ref nextNumber) % 10000).ToString("D4", CultureInfo.InvariantCulture);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var first = 20000 + (Random.Shared.Next(0, 90) * 200);
        settings["Gateway:MediaPortFirst"] = first.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:MediaPortLast"] = (first + 198).ToString(CultureInfo.InvariantCulture);
        settings["Gateway:RingTimeout"] = "00:00:08";
        settings["Gateway:Trunks:0:Name"] = "loopback-carrier";
        settings["Gateway:Trunks:0:Host"] = "127.0.0.1";
        settings["Gateway:Trunks:0:Port"] = CarrierPort.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:Trunks:0:AllowedSources:0"] = "127.0.0.1/32";
        // sipp's UAS scenarios expect INVITEs only: no OPTIONS keep-alive toward it.
        settings["Gateway:Trunks:0:OptionsInterval"] = "00:00:00";
        settings["Sms:Carriers:simulator:Host"] = "127.0.0.1";
        settings["Sms:Carriers:simulator:Port"] = Smsc.Port.ToString(CultureInfo.InvariantCulture);
        settings["Sms:Carriers:simulator:SystemId"] = SmscSimulator.SystemId;
        settings["Sms:Carriers:simulator:Password"] = SmscSimulator.Password;
        settings["Sms:Carriers:simulator:ReconnectInitialDelay"] = "00:00:00.100";
        settings["Sms:Carriers:simulator:ReconnectMaxDelay"] = "00:00:01";
    }
}
