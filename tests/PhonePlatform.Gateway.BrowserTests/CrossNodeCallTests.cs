using PhonePlatform.Gateway.BrowserTests.Infrastructure;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;

namespace PhonePlatform.Gateway.BrowserTests;

/// <summary>
/// Calls across gateway nodes: a carrier's INVITE reaches node B for a softphone whose WebSocket is held by node A.
/// Node B passes the call to node A over SIP; node A rings the browser and answers the carrier's offer with its own
/// media, so the RTP flows between the carrier and node A while node B keeps only the signalling.
/// </summary>
[Collection(CallFixture.Collection)]
public sealed class CrossNodeCallTests(ClusterCallFixture fixture) : IClassFixture<ClusterCallFixture>
{
    [Fact]
    public async Task CarrierCallsNodeB_SoftphoneRegisteredOnNodeA_AnswersThroughNodeAWithMediaOnNodeA()
    {
        var number = CallFixture.NewNumber();
        var owner = await fixture.NewWorkspaceAsync(number);
        var page = await fixture.RegisterAsync(owner, autoAnswer: true);
        Assert.True(await fixture.WaitUntilNodeBSeesNodeAAsync(TimeSpan.FromSeconds(20)), "node B never saw node A's heartbeat");

        var carrier = Sipp.RunAsync("carrier_calls_number.xml", fixture.NodeBSipEndPoint, "-s", number, "-rtp_echo");
        await Softphone.WaitAsync(page, "() => window.softphone.state.call && (window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null)");
        var answered = await Softphone.CallStateAsync(page);
        Assert.True(answered.Confirmed, $"not connected: {answered.Failed} {string.Join(", ", answered.Events)}");

        // The browser hears the carrier's echo of its own audio: carrier <-> node A <-> browser.
        var stats = await Softphone.WaitForAudioAsync(page, packets: 50, TimeSpan.FromSeconds(5));
        Assert.True(stats.PacketsReceived >= 50, $"the browser got {stats.PacketsReceived} packets back");

        await Softphone.WaitAsync(page, "() => window.softphone.state.call.ended !== null");
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.True(await fixture.WaitForNoCallsAsync(TimeSpan.FromSeconds(5)), "node A still holds a leg");
        Assert.Equal(0, fixture.NodeBB2bua.ActiveCallCount);

        // Node A answered and records the call, with the carrier's RTP received on its own trunk-side leg; node B
        // reported the ringing under the same call id and nothing after (one call record, written by two nodes).
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5));
        Assert.NotNull(ended);
        Assert.Equal(CallEndReason.CallerHungUp, ended.Reason);
        Assert.Equal("loopback-carrier", ended.Call.Trunk);
        Assert.True(ended.Statistics[0].Media.PacketsReceived > 0, "no carrier RTP reached node A");
        var ringing = Assert.Single(fixture.NodeBCalls.Events, e => e.Kind == "ringing" && e.Call.WorkspaceNumber == number);
        Assert.Equal(ringing.Call.CallId, ended.Call.CallId);
        Assert.DoesNotContain(fixture.NodeBCalls.Ended, e => e.Call.WorkspaceNumber == number);
        Assert.DoesNotContain(fixture.Calls.Events, e => e.Kind == "ringing" && e.Call.WorkspaceNumber == number);
        await page.CloseAsync();
    }
}
