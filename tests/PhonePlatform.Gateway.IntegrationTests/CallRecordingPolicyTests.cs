using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Recording;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>
/// Recording through real peers: a sipp device talks (A-law pcap) through the gateway to a sipp carrier that echoes it
/// back, so both directions carry audio; the recording is read back decrypted from the blob store.
/// </summary>
public sealed class CallRecordingPolicyTests
{
    private const string WorkspaceNumber = "+15557654321";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NumberRecordsAlways_OutboundCall_RecordedFromTheAnswerWithAudioOnBothChannels()
    {
        await using var call = await DialAsync(new NumberCallPolicy(true, null, CallRecordingMode.Always, false, null, []));

        var recorded = await call.RecordingAsync();

        var (left, right) = await RecordedWav.ReadStereoAsync(new UncataloguedWorkspaceBlobs(call.Gateway.Blobs), recorded.WorkspaceId, recorded.BlobName);
        Assert.True(left.Length >= 8_000, $"only {left.Length} frames recorded");
        Assert.True(RecordedWav.Rms(left) > 100, "the device's side (left) is silent");
        Assert.True(RecordedWav.Rms(right) > 100, "the carrier's side (right) is silent");
    }

    [Fact]
    public async Task NumberRecordsAlwaysWithAnnouncement_RecordingStartsOnlyAfterTheAnnouncementPlayed()
    {
        await using var call = await DialAsync(new NumberCallPolicy(true, null, CallRecordingMode.Always, true, null, []));

        var recorded = await call.RecordingAsync();
        var ended = await call.Gateway.WaitForEndAsync(Generous);

        // The 1.2 s announcement is paced in real time before the tap goes on: a lower bound only, so load cannot break it.
        Assert.NotNull(ended?.AnsweredAt);
        Assert.True(recorded.StartedAt - ended.AnsweredAt.Value >= TimeSpan.FromSeconds(1.1), $"recording started {recorded.StartedAt - ended.AnsweredAt.Value} after the answer");
        var (left, right) = await RecordedWav.ReadStereoAsync(new UncataloguedWorkspaceBlobs(call.Gateway.Blobs), recorded.WorkspaceId, recorded.BlobName);
        Assert.True(RecordedWav.Rms(left) > 100 && RecordedWav.Rms(right) > 100, "a side is silent");
    }

    [Fact]
    public async Task OnDemand_LiveCall_StartsOnceAndUnknownCallsAreNotHere()
    {
        await using var call = await DialAsync(new NumberCallPolicy(true, null, CallRecordingMode.OnDemand, false, null, []));
        var callId = await call.BridgedAsync();

        Assert.False(call.Gateway.B2bua.IsRecording(callId));
        Assert.Equal(RecordingRequest.Started, await call.Gateway.B2bua.StartRecordingAsync(callId, CancellationToken.None));
        Assert.Equal(RecordingRequest.AlreadyRecording, await call.Gateway.B2bua.StartRecordingAsync(callId, CancellationToken.None));
        Assert.Equal(RecordingRequest.NotHere, await call.Gateway.B2bua.StartRecordingAsync(Guid.NewGuid(), CancellationToken.None));

        var recorded = await call.RecordingAsync();
        Assert.Equal(callId, recorded.CallId);
    }

    private static async Task<TalkingCall> DialAsync(NumberCallPolicy policy)
    {
        var carrierPort = Sipp.FreeUdpPort();
        var carrier = new SipTrunk { Name = "echo", Host = "127.0.0.1", Port = carrierPort };
        var gateway = await GatewayHarness.StartAsync([carrier], [new TrunkRoute(carrier, "+1", Priority: 1, CostPerMinute: 0.01m)]);
        gateway.Policy = policy;
        gateway.Devices["alice"] = new OutboundCaller(Guid.NewGuid(), "sip:alice@ws.example", WorkspaceNumber);
        var bridged = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.B2bua.CallBridged += (id, _) => bridged.TrySetResult(id);
        var trunk = await Sipp.ServeAsync(carrierPort, "-sf", Sipp.Scenario("carrier_answers_pcma_echo.xml"), "-rtp_echo");
        var device = Sipp.RunAsync("device_dials_out_talking.xml", gateway.SipEndPoint, "-s", "+15551234567");
        return new TalkingCall(gateway, device, trunk, bridged.Task);
    }

    private sealed record TalkingCall(
        GatewayHarness Gateway, Task<(int ExitCode, string Output)> Device, Task<(int ExitCode, string Output)> Trunk, Task<Guid> Bridged) : IAsyncDisposable
    {
        public Task<Guid> BridgedAsync() => Bridged.WaitAsync(Generous);

        /// <summary>Waits for the device to hang up and the recording to be filed.</summary>
        public async Task<RecordedCall> RecordingAsync()
        {
            var device = await Device.WaitAsync(Generous);
            Assert.True(device.ExitCode == 0, device.Output);
            var until = DateTime.UtcNow + Generous;
            while (Gateway.Recorded.IsEmpty && DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }

            return Assert.Single(Gateway.Recorded);
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Trunk.WaitAsync(Generous).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
