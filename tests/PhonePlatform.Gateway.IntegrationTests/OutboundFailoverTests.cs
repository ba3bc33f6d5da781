using System.Net;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.IntegrationTests;

public sealed class OutboundFailoverTests
{
    private const string WorkspaceNumber = "+15557654321";

    [Fact]
    public async Task DeviceDialsOut_FirstTrunkAnswers503_CallCompletesOnSecondTrunkAndByeClearsBothLegs()
    {
        var overloadedPort = Sipp.FreeUdpPort();
        var echoPort = Sipp.FreeUdpPort();
        var overloaded = new SipTrunk { Name = "overloaded", Host = "127.0.0.1", Port = overloadedPort };
        var echo = new SipTrunk { Name = "echo", Host = "127.0.0.1", Port = echoPort };
        await using var gateway = await GatewayHarness.StartAsync(
            [overloaded, echo],
            [new TrunkRoute(overloaded, "+1", Priority: 1, CostPerMinute: 0.01m), new TrunkRoute(echo, "+1", Priority: 2, CostPerMinute: 0.01m)]);
        gateway.Devices["alice"] = new OutboundCaller(Guid.NewGuid(), "sip:alice@ws.example", WorkspaceNumber);
        string? bridgedTo = null;
        gateway.B2bua.CallBridged += (_, host) => bridgedTo = host;

        var firstTrunk = await Sipp.ServeAsync(overloadedPort, "-sf", Sipp.Scenario("trunk_503.xml"));
        var secondTrunk = await Sipp.ServeAsync(echoPort, "-sn", "uas", "-rtp_echo");

        var device = await Sipp.RunAsync("device_dials_out.xml", gateway.SipEndPoint, "-s", "+15551234567");

        Assert.True(device.ExitCode == 0, device.Output);
        var first = await firstTrunk;
        Assert.True(first.ExitCode == 0, first.Output);
        var second = await secondTrunk;
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal("127.0.0.1", bridgedTo);
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);
    }

    [Fact]
    public async Task DeviceDialsOut_NotPermittedDevice_Forbidden()
    {
        await using var gateway = await GatewayHarness.StartAsync([], []);

        // sipp's default behaviours: the 403 where the scenario wants a 200 aborts the call at once.
        var device = await Sipp.RunAsync("device_dials_out.xml", gateway.SipEndPoint, "-s", "+15551234567", "-default_behaviors", "all");

        Assert.NotEqual(0, device.ExitCode);
        Assert.Contains("403", device.Output, StringComparison.Ordinal);
    }
}
