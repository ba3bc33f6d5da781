using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class AuditLogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    private static async Task<List<AuditEntryResponse>> EntriesAsync(Actor actor, string query = "")
    {
        var page = await actor.Client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/v1/audit-log?limit=200{query}", ApiDriver.Json);
        return [.. page!.Items];
    }

    [Fact]
    public async Task SecurityActions_AreRecordedWithActorIpTimeAndTarget()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var number = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{member.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json);
        await owner.Client.PatchAsJsonAsync($"/v1/members/{member.MembershipId}", new ChangeMemberRequest(Role.Viewer), ApiDriver.Json);
        await owner.Client.PutAsJsonAsync("/v1/workspace/billing", new BillingRequest("business"), ApiDriver.Json);
        await owner.Client.PostAsync("/v1/exports", null);
        var key = await owner.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:read"]), ApiDriver.Json);
        var keyId = (await key.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ApiDriver.Json))!.Key.Id;
        await owner.Client.DeleteAsync($"/v1/api-keys/{keyId}");
        await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, "Wrong-Horse-7-Battery"), ApiDriver.Json);
        await owner.Client.DeleteAsync($"/v1/members/{member.MembershipId}");

        var entries = await EntriesAsync(owner);
        string[] expected =
        [
            "workspace.created", "auth.login", "auth.2fa_enabled", "auth.step_up", "member.added", "number_access.granted",
            "member.role_changed", "billing.changed", "data.export.requested", "api_key.created", "api_key.revoked", "auth.login_failed", "member.removed",
        ];
        foreach (var action in expected)
        {
            Assert.Contains(entries, e => e.Action == action);
        }

        var roleChange = entries.Single(e => e.Action == "member.role_changed");
        Assert.Equal(owner.UserId, roleChange.ActorUserId);
        Assert.Equal("127.0.0.1", roleChange.ActorIp);
        Assert.Equal(member.MembershipId.ToString(), roleChange.TargetId);
        Assert.Contains("Member->Viewer", roleChange.Details, StringComparison.Ordinal);
        Assert.Equal(entries.Count, entries.Select(e => e.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task List_FiltersByActionAndPaginates()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.AddNumberAsync(owner, "+14155550100");
        await ApiDriver.AddNumberAsync(owner, "+14155550101");
        await ApiDriver.AddNumberAsync(owner, "+14155550102");
        var added = await EntriesAsync(owner, "&action=number.added");
        Assert.Equal(3, added.Count);
        Assert.All(added, e => Assert.Equal("number.added", e.Action));

        var first = (await owner.Client.GetFromJsonAsync<Page<AuditEntryResponse>>("/v1/audit-log?limit=2", ApiDriver.Json))!;
        var second = (await owner.Client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/v1/audit-log?limit=2&cursor={first.NextCursor}", ApiDriver.Json))!;
        Assert.True(first.Items[^1].Sequence > second.Items[0].Sequence);
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.AddNumberAsync(owner, "+14155550100");
        var result = (await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!;
        Assert.True(result.Intact);
        Assert.True(result.EntriesChecked >= 5);
    }

    [Fact]
    public async Task Verify_RowEditedBySql_ReportsFirstBrokenLink()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.AddNumberAsync(owner, "+14155550100");
        await factory.Database.ExecuteAsync(
            $"UPDATE \"AuditEntries\" SET \"ActorIp\" = '203.0.113.9' WHERE \"WorkspaceId\" = '{owner.WorkspaceId}' AND \"Sequence\" = 3");

        var result = (await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!;
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_RowDeletedBySql_ReportsGap()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await factory.Database.ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"WorkspaceId\" = '{owner.WorkspaceId}' AND \"Sequence\" = 2");
        var result = (await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!;
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAtSequence);
    }

    [Fact]
    public async Task Verify_NewestRowsTruncated_ReportsMissingTail()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await factory.Database.ExecuteAsync(
            $"DELETE FROM \"AuditEntries\" WHERE \"WorkspaceId\" = '{owner.WorkspaceId}' AND \"Sequence\" = (SELECT max(\"Sequence\") FROM \"AuditEntries\" WHERE \"WorkspaceId\" = '{owner.WorkspaceId}')");
        var result = (await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!;
        Assert.False(result.Intact);
    }

    [Fact]
    public async Task Verify_TamperingInOtherWorkspace_DoesNotAffectThisOne()
    {
        var tampered = await api.CreateSteppedUpOwnerAsync("T");
        var clean = await api.CreateSteppedUpOwnerAsync("C");
        await factory.Database.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Details\" = 'x' WHERE \"WorkspaceId\" = '{tampered.WorkspaceId}'");
        Assert.True((await clean.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!.Intact);
        Assert.False((await tampered.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!.Intact);
    }

    [Fact]
    public async Task ConcurrentAppends_KeepOneUnbrokenChain()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var adds = Enumerable.Range(0, 8).Select(i => owner.Client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest($"+1415555020{i}"), ApiDriver.Json));
        var responses = await Task.WhenAll(adds);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var result = (await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!;
        Assert.True(result.Intact, result.Reason);
    }

    [Fact]
    public async Task List_FiltersByActorAndTime()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var since = factory.Time.GetUtcNow();
        await ApiDriver.AddNumberAsync(admin, "+14155550100");

        var byAdmin = await EntriesAsync(owner, $"&actorUserId={admin.UserId}");
        Assert.NotEmpty(byAdmin);
        Assert.All(byAdmin, e => Assert.Equal(admin.UserId, e.ActorUserId));
        var recent = await EntriesAsync(owner, $"&since={Uri.EscapeDataString(since.ToString("O"))}");
        Assert.Equal("number.added", Assert.Single(recent).Action);
    }
}
