using System.Globalization;
using System.Net;
using PhonePlatform.Sip.IntegrationTests.Support;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Sip.IntegrationTests.Sipp;

/// <summary>sipp as a carrier calling in (built-in uac scenario: INVITE, ACK, BYE) and as a trunk answering OPTIONS.</summary>
public sealed class SippTrunkTests
{
    private static SipTrunk Loopback(string allowed) => new()
    {
        Name = "sipp-carrier",
        Host = "127.0.0.1",
        AllowedSources = [IPNetwork.Parse(allowed)],
    };

    private static List<string> Uac(int stackPort) =>
        ["-sn", "uac", "-s", "4930123456", "-i", "127.0.0.1", "-p", SippRunner.FreePort().ToString(CultureInfo.InvariantCulture), "-m", "1", "-d", "200", $"127.0.0.1:{stackPort}"];

    [Fact]
    public async Task InboundCall_FromAllowedTrunkAddress_IsAnsweredAndHungUp()
    {
        var agent = new TrunkInboundAgent(new SipTrunkDirectory([Loopback("127.0.0.0/8")]));
        await using var stack = await LoopbackStack.StartAsync(agent);

        var result = await SippRunner.RunAsync(Uac(stack.Port), TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = agent.Events.ToList();
        Assert.Contains(events, e => e.StartsWith("invite from sipp-carrier", StringComparison.Ordinal));
        Assert.Contains("ack", events);
        Assert.Contains("bye", events);
    }

    [Fact]
    public async Task InboundCall_FromAddressOutsideAllowList_IsRefused()
    {
        var agent = new TrunkInboundAgent(new SipTrunkDirectory([Loopback("192.0.2.0/24")]));
        await using var stack = await LoopbackStack.StartAsync(agent);

        var result = await SippRunner.RunAsync(Uac(stack.Port), TimeSpan.FromSeconds(15));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["rejected"], agent.Events.ToList());
    }

    [Fact]
    public async Task HealthMonitor_AgainstSippAnsweringOptions_MarksTrunkUp()
    {
        await using var stack = await LoopbackStack.StartAsync();
        var sippPort = SippRunner.FreePort();
        var sipp = SippRunner.RunAsync(
            ["-sf", SippRunner.ScenarioPath("uas_options.xml"), "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-m", "1"],
            TimeSpan.FromSeconds(20));
        var trunk = Loopback("127.0.0.0/8") with { Port = sippPort };
        await using var monitor = new TrunkHealthMonitor(stack.Stack, [trunk]);

        var health = await monitor.CheckAsync(trunk);
        var result = await sipp;

        Assert.Equal(TrunkStatus.Up, health.Status);
        Assert.Equal(200, health.LastStatusCode);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
