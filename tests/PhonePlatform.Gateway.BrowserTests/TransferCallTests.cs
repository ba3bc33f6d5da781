using PhonePlatform.Gateway.BrowserTests.Infrastructure;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;

namespace PhonePlatform.Gateway.BrowserTests;

/// <summary>
/// Blind transfer (RFC 3515 REFER) from JsSIP: a member on a call with the carrier refers it to another member of the
/// workspace, whose softphone rings and answers; the carrier's audio then reaches that member, the transferor gets
/// NOTIFY "200 OK" and is hung up, and the new member's hang-up ends the carrier's leg.
/// </summary>
[Collection(CallFixture.Collection)]
public sealed class TransferCallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private const string Destination = "+442071838750";

    [Fact]
    public async Task BrowserCallsPstn_BlindTransferToAnotherMember_CarrierIsBridgedToMemberAndTransferorIsReleased()
    {
        var number = CallFixture.NewNumber();
        var owner = await fixture.NewWorkspaceAsync(number);
        var transferor = await fixture.RegisterAsync(owner);
        var member = await fixture.AddMemberAsync(owner);
        var target = await fixture.RegisterAsync(member, autoAnswer: true);
        var targetUri = (await fixture.Host.IssueSipCredentialsAsync(member)).Uri;
        var carrier = await Sipp.ServeAsync(fixture.CarrierPort, "-sf", Sipp.Scenario("carrier_answers_waits_for_bye.xml"), "-rtp_echo");

        await transferor.EvaluateAsync("t => window.softphone.call(t)", $"sip:{Destination}@phoneplatform");
        await Softphone.WaitAsync(transferor, "() => window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null");
        Assert.True((await Softphone.CallStateAsync(transferor)).Confirmed);

        await transferor.EvaluateAsync("t => window.softphone.transfer(t)", targetUri);
        await Softphone.WaitAsync(target, "() => window.softphone.state.call && (window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null)");
        Assert.True((await Softphone.CallStateAsync(target)).Confirmed, "the transfer target did not connect");
        Assert.Equal(Destination, Assert.Single(await Softphone.IncomingAsync(target)).User);
        await Softphone.WaitAsync(transferor, "() => window.softphone.state.call.transfer.includes('accepted')", 10_000);
        await Softphone.WaitAsync(transferor, "() => window.softphone.state.call.ended !== null", 10_000);
        Assert.Equal("remote", (await Softphone.CallStateAsync(transferor)).Ended?.Originator);

        // The carrier echoes what the new member's microphone sends: audio crosses the re-bridged call both ways.
        var stats = await Softphone.WaitForAudioAsync(target, packets: 50, TimeSpan.FromSeconds(10));
        Assert.True(stats.PacketsReceived >= 50, $"the transfer target got {stats.PacketsReceived} packets");

        await target.EvaluateAsync("() => window.softphone.hangup()");
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.True(await fixture.WaitForNoCallsAsync(TimeSpan.FromSeconds(5)), "a leg is still held");
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5));
        Assert.Equal(CallEndReason.CallerHungUp, ended?.Reason);
        Assert.Equal(targetUri, ended?.Call.MemberAddressOfRecord, StringComparer.OrdinalIgnoreCase);
        await target.CloseAsync();
        await transferor.CloseAsync();
    }
}
