using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Media;
using CoreReason = PhonePlatform.Core.Calls.CallEndReason;

namespace PhonePlatform.Api.IntegrationTests.Calls;

/// <summary>The gateway's lifecycle hook, as the B2BUA calls it, ends up as call records through the API.</summary>
public sealed class CallRecordObserverTests(CallApiFixture fixture) : IClassFixture<CallApiFixture>
{
    private ICallObserver Observer => fixture.Factory.Services.GetRequiredService<ICallObserver>();

    [Fact]
    public async Task InboundAnsweredByMember_RecordHasMemberTrunkAndQuality()
    {
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var aor = $"sip:{SipUsernames.For(fixture.Owner.WorkspaceId, fixture.User.UserId)}@pp.example";
        var ringing = new CallEvent(Guid.CreateVersion7(), CallDirection.Inbound, fixture.Owner.WorkspaceId, CallApiFixture.Number1, "+14155550123", null, "carrier-a", at);
        var answered = ringing with { MemberAddressOfRecord = aor, At = at.AddSeconds(5) };
        var stats = new[] { new CallLegStatistics(CallLegKind.Trunk, new MediaLegStatistics(990, 1000, 10, 3.5)), new CallLegStatistics(CallLegKind.Device, new MediaLegStatistics(1000, 990, 0, 1.5)) };

        Observer.OnRinging(ringing);
        Observer.OnAnswered(answered);
        Observer.OnEnded(new CallEnded(answered with { At = at.AddSeconds(65) }, CallEndReason.CalleeHungUp, 200, at.AddSeconds(5), stats));

        var call = await WaitForEndAsync(ringing.CallId);
        Assert.Equal(fixture.User.MembershipId, call.AnsweredBy);
        Assert.Equal([fixture.User.MembershipId], call.MembershipIds);
        Assert.Equal(("carrier-a", "+14155550123"), (call.TrunkName, call.RemoteNumber));
        Assert.Equal((at, at.AddSeconds(5), at.AddSeconds(65)), (call.RingingAt!.Value, call.AnsweredAt!.Value, call.EndedAt!.Value));
        Assert.Equal((CoreReason.Completed, 200, false), (call.EndReason, call.SipCode, call.Missed));
        Assert.Equal((1990L, 10L, 3.5), (call.Quality!.PacketsReceived, call.Quality.PacketsLost, call.Quality.JitterMilliseconds));
    }

    [Fact]
    public async Task InboundToVoicemail_IsMissed_AndRefusedCallsWithoutWorkspaceAreIgnored()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var ringing = new CallEvent(Guid.CreateVersion7(), CallDirection.Inbound, fixture.Owner.WorkspaceId, CallApiFixture.Number1, "+14155550124", null, null, at);
        var unknown = new CallEvent(Guid.CreateVersion7(), CallDirection.Inbound, null, null, "+14155550124", null, null, at);

        Observer.OnEnded(new CallEnded(unknown, CallEndReason.Rejected, 404, null, []));
        Observer.OnRinging(ringing);
        Observer.OnAnswered(ringing with { At = at.AddSeconds(25) });
        Observer.OnEnded(new CallEnded(ringing with { At = at.AddSeconds(45) }, CallEndReason.Voicemail, 200, at.AddSeconds(25), []));

        var call = await WaitForEndAsync(ringing.CallId);
        Assert.True(call.Missed);
        Assert.Equal(CoreReason.Voicemail, call.EndReason);
        Assert.Null(call.AnsweredBy);
        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/calls/{unknown.CallId}"), HttpStatusCode.NotFound);
    }

    private async Task<CallResponse> WaitForEndAsync(Guid callId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var response = await fixture.Owner.Client.GetAsync($"/v1/calls/{callId}");
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<CallResponse>(ApiDriver.Json))! is { EndedAt: not null } call)
            {
                return call;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Call {callId} was not recorded as ended.");
    }
}
