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
        var (gateway, first, second, bridgedTo) = await DialOverTwoTrunksAsync("overloaded", "trunk_503.xml");
        await using var running = gateway;

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal("127.0.0.1", bridgedTo);
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);

        // The attempts feed the trunks' live figures: one seizure each, answered only on the second.
        var failed = gateway.Router.Statistics.Summarize("overloaded");
        var answered = gateway.Router.Statistics.Summarize("echo");
        Assert.Equal((1, 0.0, 1), (failed.Attempts, failed.AnswerSeizureRatio!.Value, failed.ConsecutiveCarrierFailures));
        Assert.Equal((1, 1.0, 0), (answered.Attempts, answered.AnswerSeizureRatio!.Value, answered.ConsecutiveCarrierFailures));
        Assert.NotNull(answered.PostDialDelay);
    }

    [Fact]
    public async Task DeviceDialsOut_FirstTrunkSaysNothing_FailsOverAfterSetupTimeoutAndCompletesOnSecond()
    {
        var (gateway, _, second, bridgedTo) = await DialOverTwoTrunksAsync("silent", "trunk_silent.xml");
        await using var running = gateway;

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal("127.0.0.1", bridgedTo);
        Assert.Equal(1, gateway.Router.Statistics.Summarize("silent").ConsecutiveCarrierFailures);
        Assert.Equal(1.0, gateway.Router.Statistics.Summarize("echo").AnswerSeizureRatio);
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);
    }

    /// <summary>
    /// A device dials +15551234567 through a gateway with two sipp trunks for +1: <paramref name="firstName"/> (cheaper,
    /// playing <paramref name="firstScenario"/>) and "echo" (answers with RTP echo). Returns once the device hung up
    /// and both trunks finished.
    /// </summary>
    private static async Task<(GatewayHarness Gateway, (int ExitCode, string Output) First, (int ExitCode, string Output) Second, string? BridgedTo)>
        DialOverTwoTrunksAsync(string firstName, string firstScenario)
    {
        var firstPort = Sipp.FreeUdpPort();
        var echoPort = Sipp.FreeUdpPort();
        var first = new SipTrunk { Name = firstName, Host = "127.0.0.1", Port = firstPort };
        var echo = new SipTrunk { Name = "echo", Host = "127.0.0.1", Port = echoPort };
        var gateway = await GatewayHarness.StartAsync(
            [first, echo],
            [new TrunkRoute(first, "+1", Priority: 1, CostPerMinute: 0.001m), new TrunkRoute(echo, "+1", Priority: 2, CostPerMinute: 0.01m)]);
        gateway.Devices["alice"] = new OutboundCaller(Guid.NewGuid(), "sip:alice@ws.example", WorkspaceNumber);
        string? bridgedTo = null;
        gateway.B2bua.CallBridged += (_, host) => bridgedTo = host;

        var firstTrunk = await Sipp.ServeAsync(firstPort, "-sf", Sipp.Scenario(firstScenario));
        var secondTrunk = await Sipp.ServeAsync(echoPort, "-sn", "uas", "-rtp_echo");

        var device = await Sipp.RunAsync("device_dials_out.xml", gateway.SipEndPoint, "-s", "+15551234567");

        Assert.True(device.ExitCode == 0, device.Output);
        return (gateway, await firstTrunk, await secondTrunk, bridgedTo);
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
