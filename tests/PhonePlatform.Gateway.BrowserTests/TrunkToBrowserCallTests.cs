using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Gateway.BrowserTests.Infrastructure;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Gateway.BrowserTests;

/// <summary>
/// Inbound calls end to end: sipp as the carrier calls a workspace number over UDP; every registered JsSIP page of the
/// members who may use the number rings; the caller's name comes from the workspace's encrypted contacts.
/// </summary>
[Collection(CallFixture.Collection)]
public sealed class TrunkToBrowserCallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private const string Caller = "+442071838750";

    [Fact]
    public async Task CarrierCallsNumber_TwoDevicesRing_OneAnswersWithCallerNameAudioFlowsOtherIsCancelled()
    {
        var number = CallFixture.NewNumber();
        var owner = await fixture.NewWorkspaceAsync(number);
        using (var client = fixture.Host.CreateClient(owner))
        {
            (await client.PostAsJsonAsync("/v1/contacts", new ContactRequest("Ada Lovelace", [Caller]), CallFixture.Json)).EnsureSuccessStatusCode();
        }

        var ringing = await fixture.RegisterAsync(owner, autoAnswer: false);
        var answering = await fixture.RegisterAsync(owner, autoAnswer: true);

        var carrier = Sipp.RunAsync("carrier_calls_number.xml", fixture.GatewaySipEndPoint, "-s", number, "-rtp_echo");
        await Softphone.WaitAsync(answering, "() => window.softphone.state.call && (window.softphone.state.call.confirmed || window.softphone.state.call.failed !== null)");
        var answered = await Softphone.CallStateAsync(answering);
        Assert.True(answered.Confirmed, $"not connected: {answered.Failed} {string.Join(", ", answered.Events)}");
        var incoming = Assert.Single(await Softphone.IncomingAsync(answering));
        Assert.Equal("Ada Lovelace", incoming.DisplayName);
        Assert.Equal(Caller, incoming.User);

        // The other device rang too, and was cancelled when the first answered.
        await Softphone.WaitAsync(ringing, "() => window.softphone.state.call && window.softphone.state.call.failed !== null");
        Assert.Single(await Softphone.IncomingAsync(ringing));
        Assert.Contains("Cancel", (await Softphone.CallStateAsync(ringing)).Failed!.Cause, StringComparison.OrdinalIgnoreCase);

        var stats = await Softphone.WaitForAudioAsync(answering, packets: 50, TimeSpan.FromSeconds(5));
        Assert.True(stats.PacketsReceived >= 50, $"the browser got {stats.PacketsReceived} packets back");
        Assert.True(stats.TotalAudioEnergy > 0, "the echoed audio is silent");

        // The carrier hangs up after 6 s.
        await Softphone.WaitAsync(answering, "() => window.softphone.state.call.ended !== null");
        Assert.Equal("remote", (await Softphone.CallStateAsync(answering)).Ended!.Originator);
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.True(await fixture.WaitForNoCallsAsync(TimeSpan.FromSeconds(5)), "a leg is still held");
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5));
        Assert.Equal(CallDirection.Inbound, ended?.Call.Direction);
        Assert.Equal(CallEndReason.CallerHungUp, ended?.Reason);
        Assert.NotNull(ended?.Call.MemberAddressOfRecord);
        await answering.CloseAsync();
        await ringing.CloseAsync();
    }

    [Fact]
    public async Task CarrierCallsNumber_NobodyAnswersWithinRingTimeout_DeviceIsCancelledAndCallerReachesVoicemail()
    {
        var number = CallFixture.NewNumber();
        var page = await fixture.RegisterAsync(await fixture.NewWorkspaceAsync(number), autoAnswer: false);
        var stored = new TaskCompletionSource<VoicemailMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStored(VoicemailMessage message)
        {
            if (message.Number == number)
            {
                stored.TrySetResult(message);
            }
        }

        fixture.B2bua.VoicemailStored += OnStored;
        try
        {
            // The caller speaks after the greeting: an echo of the greeting alone ends before recording starts.
            var carrier = Sipp.RunAsync("caller_leaves_voicemail.xml", fixture.GatewaySipEndPoint, "-s", number);

            // Rings for the 8 s ring timeout, then the gateway cancels the device and answers into voicemail.
            await Softphone.WaitAsync(page, "() => window.softphone.state.call && window.softphone.state.call.failed !== null");
            Assert.Contains("Cancel", (await Softphone.CallStateAsync(page)).Failed!.Cause, StringComparison.OrdinalIgnoreCase);
            var (exit, output) = await carrier;
            Assert.True(exit == 0, output);
            var message = await stored.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(Caller, message.CallerNumber);
            Assert.True(message.Duration > TimeSpan.Zero);
            Assert.Equal(CallEndReason.Voicemail, (await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(5)))?.Reason);
        }
        finally
        {
            fixture.B2bua.VoicemailStored -= OnStored;
        }

        await page.CloseAsync();
    }

    [Fact]
    public async Task CarrierCallsNumber_NobodyRegistered_GoesStraightToVoicemail()
    {
        var number = CallFixture.NewNumber();
        await fixture.NewWorkspaceAsync(number);

        var (exit, output) = await Sipp.RunAsync("carrier_calls_number.xml", fixture.GatewaySipEndPoint, "-s", number, "-rtp_echo");

        Assert.True(exit == 0, output);
        var ended = await fixture.Calls.WaitForEndAsync(number, TimeSpan.FromSeconds(10));
        Assert.Equal(CallEndReason.Voicemail, ended?.Reason);
        Assert.DoesNotContain(fixture.Calls.Events, e => e.Kind == "ringing" && e.Call.WorkspaceNumber == number);
    }
}
