using PhonePlatform.Gateway.BrowserTests.Infrastructure;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;

namespace PhonePlatform.Gateway.BrowserTests;

/// <summary>
/// Outbound calls end to end: JsSIP in headless Chromium, registered over wss:// with API-issued credentials, dials a
/// PSTN number; the gateway answers the WebRTC leg and re-originates the call on the loopback trunk, where sipp plays
/// the carrier and echoes the RTP it gets (so audio arriving in the browser has crossed both legs twice).
/// </summary>
[Collection(CallFixture.Collection)]
public sealed class BrowserToTrunkCallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private const string Destination = "+442071838750";

    [Fact]
    public async Task BrowserCallsPstn_EarlyMediaThenAnswer_AudioBothWaysHoldReachesCarrierAndBrowserHangupEndsBothLegs()
    {
        var number = CallFixture.NewNumber();
        var page = await fixture.RegisterAsync(await fixture.NewWorkspaceAsync(number));
        var carrier = await Sipp.ServeAsync(fixture.CarrierPort, "-sf", Sipp.Scenario("carrier_early_media.xml"), "-rtp_echo");

        await page.EvaluateAsync("t => window.softphone.call(t)", $"sip:{Destination}@phoneplatform");
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null");
        var state = await Softphone.CallStateAsync(page);
        Assert.True(state.Confirmed, $"not connected: {state.Failed} {state.StatusCode}");
        // The carrier's 183 with SDP reached the browser as early media (the same SDP as the 200).
        Assert.Contains(state.Progress, p => p.Status == 183 && p.Sdp);

        var stats = await Softphone.WaitForAudioAsync(page, packets: 50, TimeSpan.FromSeconds(10));
        Assert.True(stats.PacketsReceived >= 50, $"the browser got {stats.PacketsReceived} packets back");
        Assert.True(stats.TotalAudioEnergy > 0, "the echoed audio is silent");
        Assert.Equal("audio/PCMU", stats.Codec);

        // JsSIP sends DTMF as SIP INFO (application/dtmf-relay); call control gets the digit.
        var digit = new TaskCompletionSource<char>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDigit(Guid call, char d) => digit.TrySetResult(d);
        fixture.B2bua.DtmfReceived += OnDigit;
        await page.EvaluateAsync("() => window.softphone.dtmf('5')");
        Assert.Equal('5', await digit.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        fixture.B2bua.DtmfReceived -= OnDigit;

        // Hold and resume: the gateway answers each re-offer (same ICE and DTLS identity) and re-INVITEs the carrier with
        // sendonly, then sendrecv (the carrier's scenario fails without them); audio comes back after.
        // Each resolves when JsSIP has the re-INVITE's 2xx (it ignores an unhold while the hold is still in flight).
        await page.EvaluateAsync("() => window.softphone.hold()").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await Softphone.CallStateAsync(page)).Held, "the browser is not on hold");
        await page.EvaluateAsync("() => window.softphone.unhold()").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False((await Softphone.CallStateAsync(page)).Held, "the browser is still on hold");
        var resumed = await Softphone.WaitForAudioAsync(page, packets: (int)stats.PacketsReceived + 25, TimeSpan.FromSeconds(10));
        Assert.True(resumed.PacketsReceived >= stats.PacketsReceived + 25, "no audio after resume");

        await page.EvaluateAsync("() => window.softphone.hangup()");
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.True(await fixture.WaitForNoCallsAsync(TimeSpan.FromSeconds(5)), "a leg is still held");
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5));
        Assert.NotNull(ended);
        Assert.Equal(CallDirection.Outbound, ended.Call.Direction);
        Assert.Equal(CallEndReason.CallerHungUp, ended.Reason);
        Assert.Equal(Destination, ended.Call.RemoteNumber);
        Assert.Equal("loopback-carrier", ended.Call.Trunk);
        Assert.NotNull(ended.AnsweredAt);
        Assert.All(ended.Statistics, leg => Assert.True(leg.Media.PacketsReceived > 0, $"{leg.Kind} leg received nothing"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task BrowserCallsPstn_CarrierHangsUp_BrowserGetsByeAndBothLegsAreReleased()
    {
        var number = CallFixture.NewNumber();
        var page = await fixture.RegisterAsync(await fixture.NewWorkspaceAsync(number));
        var carrier = await Sipp.ServeAsync(fixture.CarrierPort, "-sf", Sipp.Scenario("carrier_answers_then_hangs_up.xml"), "-rtp_echo");

        await page.EvaluateAsync("t => window.softphone.call(t)", $"sip:{Destination}@phoneplatform");
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null");
        Assert.True((await Softphone.CallStateAsync(page)).Confirmed);
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.ended !== null", 30_000);

        Assert.Equal("remote", (await Softphone.CallStateAsync(page)).Ended?.Originator);
        Assert.True(await fixture.WaitForNoCallsAsync(TimeSpan.FromSeconds(5)), "a leg is still held");
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5));
        Assert.Equal(CallEndReason.CalleeHungUp, ended?.Reason);
        await page.CloseAsync();
    }

    // Was flaky under load: the carrier's 180 could arrive before the B2BUA subscribed to the trunk transaction's 1xx,
    // so it never reached the browser; SipClientTransaction now replays 1xx to late handlers.
    [Fact]
    public async Task BrowserCallsPstn_HangsUpWhileRinging_CarrierGetsCancel()
    {
        var number = CallFixture.NewNumber();
        var page = await fixture.RegisterAsync(await fixture.NewWorkspaceAsync(number));
        var carrier = await Sipp.ServeAsync(fixture.CarrierPort, "-sf", Sipp.Scenario("carrier_rings_until_cancelled.xml"));

        await page.EvaluateAsync("t => window.softphone.call(t)", $"sip:{Destination}@phoneplatform");
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.progress.some(p => p.status === 180)");
        await page.EvaluateAsync("() => window.softphone.hangup()");

        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.failed !== null", 30_000);
        Assert.Contains("Cancel", (await Softphone.CallStateAsync(page)).Failed!.Cause, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CallEndReason.Cancelled, (await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5)))?.Reason);
        await page.CloseAsync();
    }

    [Fact]
    public async Task BrowserCallsPstn_MemberWithoutUseOfAnyNumber_IsRefusedWith403()
    {
        var owner = await fixture.NewWorkspaceAsync(CallFixture.NewNumber());
        var page = await fixture.RegisterAsync(await fixture.AddMemberAsync(owner));

        await page.EvaluateAsync("t => window.softphone.call(t)", $"sip:{Destination}@phoneplatform");
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.failed !== null");

        Assert.Equal(403, (await Softphone.CallStateAsync(page)).StatusCode);
        await page.CloseAsync();
    }

    [Fact]
    public async Task BrowserCallsPstn_AskingForANumberOfAnotherWorkspace_IsRefusedWith403()
    {
        var page = await fixture.RegisterAsync(await fixture.NewWorkspaceAsync(CallFixture.NewNumber()));
        var foreign = CallFixture.NewNumber();
        await fixture.NewWorkspaceAsync(foreign);

        await page.EvaluateAsync(
            "a => window.softphone.call(a[0], [a[1]])", new[] { $"sip:{Destination}@phoneplatform", $"P-Preferred-Identity: <sip:{foreign}@phoneplatform>" });
        await Softphone.WaitAsync(page, "() => window.softphone.state.call.failed !== null");

        Assert.Equal(403, (await Softphone.CallStateAsync(page)).StatusCode);
        await page.CloseAsync();
    }
}
