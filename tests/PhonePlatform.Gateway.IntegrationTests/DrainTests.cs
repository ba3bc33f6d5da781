using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>Graceful drain: a stopping gateway refuses new calls and probes, and keeps the calls it has until they end.</summary>
public sealed class DrainTests
{
    private const string Number = "+15557654322";

    [Fact]
    public async Task Draining_OptionsProbeAndNewInvite_Get503WithRetryAfter()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        gateway.Numbers.Set(new NumberRoute(Guid.NewGuid(), Number, []));
        gateway.B2bua.BeginDrain();

        var (exitCode, output) = await Sipp.RunAsync("probe_and_call_while_draining.xml", gateway.SipEndPoint, "-s", Number);

        Assert.True(exitCode == 0, output);
        Assert.Equal(0, gateway.B2bua.CallsInProgress);
        Assert.Empty(gateway.Voicemails);
    }

    [Fact]
    public async Task Draining_CallInProgress_GoesOnUntilTheCallerHangsUpWhileNewCallsAreRefused()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        gateway.Numbers.Set(new NumberRoute(Guid.NewGuid(), Number, ["sip:alice@ws.example"]));
        var call = Sipp.RunAsync("trunk_to_voicemail.xml", gateway.SipEndPoint, "-s", Number);
        Assert.True(await WaitUntilAsync(() => gateway.B2bua.ActiveCallCount > 0 || call.IsCompleted, TimeSpan.FromSeconds(20)), "the call never started");

        gateway.B2bua.BeginDrain();
        using (var moment = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            Assert.False(await gateway.B2bua.WaitForCallsToEndAsync(moment.Token), "the drain did not wait for the call in progress");
        }

        var refused = await Sipp.RunAsync("probe_and_call_while_draining.xml", gateway.SipEndPoint, "-s", Number);
        Assert.True(refused.ExitCode == 0, refused.Output);

        // The call in progress still ends normally: its BYE is answered and its voicemail stored.
        var (exitCode, output) = await call;
        Assert.True(exitCode == 0, output);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await gateway.B2bua.WaitForCallsToEndAsync(limit.Token), $"{gateway.B2bua.CallsInProgress} call(s) still in progress");
        Assert.Single(gateway.Voicemails);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
