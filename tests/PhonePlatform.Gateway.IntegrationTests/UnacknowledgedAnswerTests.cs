using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>RFC 3261 §13.3.1.4: a 2xx never acknowledged ends the session instead of leaving a ghost call.</summary>
public sealed class UnacknowledgedAnswerTests
{
    private const string Number = "+15557650000";

    [Fact]
    public async Task TrunkNeverAcks_GatewaySendsByeAfter64T1_AndReleasesTheCall()
    {
        // T1 of 100 ms: the 2xx gives up after 6.4 s, well before voicemail's own 15 s limit would end the call.
        await using var gateway = await GatewayHarness.StartAsync(new SipStackOptions { Timers = new SipTimers { T1 = TimeSpan.FromMilliseconds(100) } });
        gateway.Numbers.Set(new NumberRoute(Guid.NewGuid(), Number, ["sip:alice@ws.example"]));

        var (exitCode, output) = await Sipp.RunAsync("trunk_never_acks.xml", gateway.SipEndPoint, "-s", Number);

        Assert.True(exitCode == 0, output);
        await gateway.B2bua.DrainAsync();
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);
        // Ended by the ACK timeout, not by voicemail's maximum length (which would have recorded 15 s).
        var ended = Assert.Single(gateway.Ended);
        Assert.True(ended.Call.At - ended.AnsweredAt < TimeSpan.FromSeconds(14), $"the call lasted {ended.Call.At - ended.AnsweredAt}");
    }
}
