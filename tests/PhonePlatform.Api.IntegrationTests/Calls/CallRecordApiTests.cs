using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Events;
using PhonePlatform.Data;
using PhonePlatform.Data.Calls;

namespace PhonePlatform.Api.IntegrationTests.Calls;

public sealed class CallRecordApiTests(CallApiFixture fixture) : IClassFixture<CallApiFixture>
{
    private IServiceProvider Services => fixture.Factory.Services;

    private Guid Workspace => fixture.Owner.WorkspaceId;

    [Fact]
    public async Task LifecycleSnapshots_RepeatedAndOutOfOrder_OneRecordAndEachEventOnce()
    {
        var started = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
        var full = CallHistory.Answered(Workspace, CallApiFixture.Number1, started, fixture.User.MembershipId);
        var ringing = new CallSnapshot(full.CallId, Workspace, CallDirection.Inbound, CallApiFixture.Number1, started)
        {
            RemoteNumber = full.RemoteNumber,
            MembershipIds = [fixture.User.MembershipId, fixture.Watcher.MembershipId],
            RingingAt = full.RingingAt,
        };
        var answered = ringing with { AnsweredAt = full.AnsweredAt, AnsweredByMembershipId = full.AnsweredByMembershipId, MembershipIds = [] };

        await CallHistory.RecordCallAsync(Services, ringing);
        await CallHistory.RecordCallAsync(Services, answered);
        await CallHistory.RecordCallAsync(Services, ringing);
        await CallHistory.RecordCallAsync(Services, full);
        await CallHistory.RecordCallAsync(Services, full);

        var call = await fixture.Owner.Client.GetFromJsonAsync<CallResponse>($"/v1/calls/{full.CallId}", ApiDriver.Json);
        Assert.Equal(CallDirection.Inbound, call!.Direction);
        Assert.Equal(fixture.Number1Id, call.NumberId);
        Assert.Equal(CallHistory.Caller, call.RemoteNumber);
        Assert.Equal([fixture.User.MembershipId, fixture.Watcher.MembershipId], call.MembershipIds.Order());
        Assert.Equal(fixture.User.MembershipId, call.AnsweredBy);
        Assert.Equal(("t1", "carrier-a"), (call.TrunkId, call.TrunkName));
        Assert.Equal((full.RingingAt, full.AnsweredAt, full.EndedAt), (call.RingingAt, call.AnsweredAt, call.EndedAt));
        Assert.Equal((CallEndReason.Completed, 200, false), (call.EndReason, call.SipCode, call.Missed));
        Assert.Equal(0.01, call.Quality!.LossFraction, 3);
        Assert.Equal(42, call.Quality.RoundTripMilliseconds);

        var events = await EventsOfAsync(full.CallId);
        Assert.Equal([WorkspaceEventTypes.CallRinging, WorkspaceEventTypes.CallAnswered, WorkspaceEventTypes.CallCompleted], events);
    }

    [Fact]
    public async Task UnansweredInbound_IsMissed_AndVoicemailLinksBothWays()
    {
        var missed = CallHistory.Missed(Workspace, CallApiFixture.Number1, new DateTimeOffset(2026, 11, 11, 9, 0, 0, TimeSpan.Zero));
        await CallHistory.RecordCallAsync(Services, missed);
        var voicemailId = await CallHistory.AddVoicemailAsync(Services, Workspace, CallApiFixture.Number1, CallHistory.ToneWav(8000, 2, 0.5), missed.CallId);

        var call = await fixture.Owner.Client.GetFromJsonAsync<CallResponse>($"/v1/calls/{missed.CallId}", ApiDriver.Json);
        var voicemail = await fixture.Owner.Client.GetFromJsonAsync<VoicemailResponse>($"/v1/voicemails/{voicemailId}", ApiDriver.Json);

        Assert.True(call!.Missed);
        Assert.Equal(voicemailId, call.VoicemailId);
        Assert.Equal(missed.CallId, voicemail!.CallId);
        Assert.Equal("+14155550177", voicemail.CallerNumber);
        Assert.Equal(
            [WorkspaceEventTypes.CallRinging, WorkspaceEventTypes.CallMissed, WorkspaceEventTypes.CallVoicemailCompleted],
            await EventsOfAsync(missed.CallId));
    }

    [Fact]
    public async Task List_FiltersByRemoteNumberDirectionDatesAndMissed()
    {
        var day = new DateTimeOffset(2026, 11, 12, 0, 0, 0, TimeSpan.Zero);
        var answered = CallHistory.Answered(Workspace, CallApiFixture.Number2, day.AddHours(9), fixture.User.MembershipId) with { RemoteNumber = "+14155550188" };
        var outbound = new CallSnapshot(Guid.CreateVersion7(day.AddHours(10)), Workspace, CallDirection.Outbound, CallApiFixture.Number2, day.AddHours(10)) { RemoteNumber = "+14155550188" };
        var missed = CallHistory.Missed(Workspace, CallApiFixture.Number2, day.AddHours(11)) with { RemoteNumber = "+14155550189" };
        foreach (var snapshot in new[] { answered, outbound, missed })
        {
            await CallHistory.RecordCallAsync(Services, snapshot);
        }

        // Other tests of the class add calls on the same number on other days.
        var thatDay = $"/v1/calls?numberId={fixture.Number2Id}&from=2026-11-12T00:00:00Z&to=2026-11-13T00:00:00Z";
        async Task<List<Guid>> ListAsync(string query) =>
            [.. (await fixture.Owner.Client.GetFromJsonAsync<Page<CallResponse>>($"{thatDay}&{query}", ApiDriver.Json))!.Items.Select(c => c.Id)];

        Assert.Equal([outbound.CallId, answered.CallId], await ListAsync("number=%2B14155550188"));
        Assert.Equal([outbound.CallId], await ListAsync("direction=outbound"));
        Assert.Equal([missed.CallId], await ListAsync("missed=true"));
        Assert.Equal([outbound.CallId], [.. (await fixture.Owner.Client.GetFromJsonAsync<Page<CallResponse>>(
            $"/v1/calls?numberId={fixture.Number2Id}&from=2026-11-12T09:30:00Z&to=2026-11-12T10:30:00Z", ApiDriver.Json))!.Items.Select(c => c.Id)]);
        Assert.Equal([missed.CallId], await ListAsync("limit=1"));
        var page = await fixture.Owner.Client.GetFromJsonAsync<Page<CallResponse>>($"{thatDay}&limit=2", ApiDriver.Json);
        var next = await fixture.Owner.Client.GetFromJsonAsync<Page<CallResponse>>($"{thatDay}&limit=2&cursor={page!.NextCursor}", ApiDriver.Json);
        Assert.Null(next!.NextCursor);
        Assert.Equal([answered.CallId], next.Items.Select(c => c.Id));

        foreach (var bad in new[] { "number=4155550188", "direction=sideways", "from=2026-11-13T00:00:00Z&to=2026-11-12T00:00:00Z", "cursor=!!" })
        {
            var response = await fixture.Owner.Client.GetAsync($"/v1/calls?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.EndsWith(":validation", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RemoteAndCallerNumbers_AreNotInAnyRawRow()
    {
        const string secretCaller = "+14155550166";
        var started = new DateTimeOffset(2026, 11, 13, 9, 0, 0, TimeSpan.Zero);
        var call = CallHistory.Missed(Workspace, CallApiFixture.Number1, started) with { RemoteNumber = secretCaller };
        await CallHistory.RecordCallAsync(Services, call);
        await Services.GetRequiredService<VoicemailStore>().AddAsync(
            new VoicemailDraft(Guid.CreateVersion7(), Workspace, CallApiFixture.Number1, secretCaller, "voicemail/none.wav", TimeSpan.FromSeconds(3), started)
            { CallId = call.CallId });

        var rows = await RawRows.ReadAllAsync(fixture.Factory.Database.ConnectionString);

        Assert.Contains(rows, r => r.Table == "CallRecords" && r.Column == "RemoteNumber");
        Assert.Contains(rows, r => r.Table == "Voicemails" && r.Column == "CallerNumber");
        Assert.DoesNotContain(rows, r => RawRows.Contains(r.Value, secretCaller) || RawRows.Contains(r.Value, secretCaller[1..]));
        // Found through the blind index all the same.
        var found = await fixture.Owner.Client.GetFromJsonAsync<Page<CallResponse>>("/v1/calls?number=%2B14155550166", ApiDriver.Json);
        Assert.Equal(call.CallId, Assert.Single(found!.Items).Id);
    }

    [Fact]
    public async Task Visibility_MembersSeeGrantedNumbers_OnlyUseGrantsChange_ViewersReadOnly()
    {
        var started = new DateTimeOffset(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);
        var onNumber1 = await CallHistory.RecordCallAsync(Services, CallHistory.Missed(Workspace, CallApiFixture.Number1, started));
        var onNumber2 = await CallHistory.RecordCallAsync(Services, CallHistory.Missed(Workspace, CallApiFixture.Number2, started));
        var voicemail2 = await CallHistory.AddVoicemailAsync(Services, Workspace, CallApiFixture.Number2, CallHistory.ToneWav(8000, 1, 0.1));

        foreach (var actor in new[] { fixture.User, fixture.Watcher, fixture.Viewer })
        {
            await ApiDriver.Expect(await actor.Client.GetAsync($"/v1/calls/{onNumber1.Id}"), HttpStatusCode.OK);
            await ApiDriver.Expect(await actor.Client.GetAsync($"/v1/calls/{onNumber2.Id}"), HttpStatusCode.NotFound);
            await ApiDriver.Expect(await actor.Client.GetAsync($"/v1/voicemails/{voicemail2}"), HttpStatusCode.NotFound);
            var list = await actor.Client.GetFromJsonAsync<Page<CallResponse>>("/v1/calls?limit=200", ApiDriver.Json);
            Assert.DoesNotContain(list!.Items, c => c.Number == CallApiFixture.Number2);
        }

        await ApiDriver.Expect(await fixture.Viewer.Client.DeleteAsync($"/v1/calls/{onNumber1.Id}"), HttpStatusCode.Forbidden);
        await ApiDriver.Expect(await fixture.Watcher.Client.DeleteAsync($"/v1/calls/{onNumber1.Id}"), HttpStatusCode.NotFound);
        await ApiDriver.Expect(await fixture.User.Client.DeleteAsync($"/v1/calls/{onNumber2.Id}"), HttpStatusCode.NotFound);
        await ApiDriver.Expect(await fixture.User.Client.DeleteAsync($"/v1/calls/{onNumber1.Id}"), HttpStatusCode.NoContent);
        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/calls/{onNumber1.Id}"), HttpStatusCode.NotFound);
        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/voicemails/{voicemail2}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteCall_RemovesItsRecordingAndAudio()
    {
        var (callId, _, recordingId) = await CallHistory.SeedAsync(Services, Workspace, CallApiFixture.Number1);
        var recording = await fixture.Owner.Client.GetFromJsonAsync<RecordingResponse>($"/v1/recordings/{recordingId}", ApiDriver.Json);
        Assert.Equal(callId, recording!.CallId);
        Assert.Contains(WorkspaceEventTypes.CallRecordingCompleted, await EventsOfAsync(callId));

        await ApiDriver.Expect(await fixture.Owner.Client.DeleteAsync($"/v1/calls/{callId}"), HttpStatusCode.NoContent);

        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/recordings/{recordingId}"), HttpStatusCode.NotFound);
        Assert.False(await Services.GetRequiredService<Crypto.EncryptedBlobStore>().ExistsAsync(Workspace, $"recordings/{recordingId:N}.wav"));
    }

    private async Task<List<string>> EventsOfAsync(Guid callId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(Workspace);
        var events = await db.WorkspaceEvents.OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Where(e => e.Data.Value.Contains(callId.ToString(), StringComparison.Ordinal)).Select(e => e.Type)];
    }
}
