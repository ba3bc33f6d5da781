using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Endpoints;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>One workspace with every role; each role gets exactly the permissions of <see cref="RolePermissions"/>.</summary>
public sealed class RoleMatrixFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Dictionary<string, Actor> Actors { get; } = [];

    public Guid NumberId { get; private set; }

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var api = new ApiDriver(Factory);
        var owner = await api.CreateSteppedUpOwnerAsync();
        Actors["owner"] = owner;
        foreach (var role in new[] { Role.Admin, Role.Member, Role.Viewer })
        {
            var actor = await api.AddMemberAsync(owner, role);
            await api.EnableTwoFactorAsync(actor);
            await api.StepUpAsync(actor);
            Actors[role.ToString().ToLowerInvariant()] = actor;
        }

        var billingViewer = await api.AddMemberAsync(owner, Role.Viewer, billing: true);
        await api.EnableTwoFactorAsync(billingViewer);
        await api.StepUpAsync(billingViewer);
        Actors["viewer+billing"] = billingViewer;
        NumberId = (await ApiDriver.AddNumberAsync(owner, "+14155550100")).Id;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
}

public sealed class RoleMatrixTests(RoleMatrixFixture fixture) : IClassFixture<RoleMatrixFixture>
{
    public static TheoryData<string> Actors => new() { "owner", "admin", "member", "viewer", "viewer+billing" };

    private static Permission Expected(string actor) => actor switch
    {
        "owner" => RolePermissions.For(Role.Owner, false),
        "admin" => RolePermissions.For(Role.Admin, false),
        "member" => RolePermissions.For(Role.Member, false),
        "viewer" => RolePermissions.For(Role.Viewer, false),
        _ => RolePermissions.For(Role.Viewer, true),
    };

    [Theory]
    [MemberData(nameof(Actors))]
    public async Task Me_ListsExactlyTheRolesPermissions(string actor)
    {
        var me = (await fixture.Actors[actor].Client.GetFromJsonAsync<MeResponse>("/v1/me", ApiDriver.Json))!;
        Assert.Equal(PermissionNames.ToNames(Expected(actor)).Order(), me.Permissions.Order());
    }

    /// <summary>
    /// Every permission-guarded endpoint, probed by every role (all stepped up): allowed exactly when the role holds
    /// the permission. Probes that would change state use requests that are harmless or repeatable.
    /// </summary>
    [Theory]
    [MemberData(nameof(Actors))]
    public async Task Endpoints_AllowExactlyTheRolesPermissions(string actor)
    {
        var client = fixture.Actors[actor].Client;
        var expected = Expected(actor);
        var probes = new (Permission Permission, Func<Task<HttpResponseMessage>> Call)[]
        {
            (Permission.WorkspaceRead, () => client.GetAsync("/v1/workspace")),
            (Permission.MembersRead, () => client.GetAsync("/v1/members")),
            (Permission.NumbersRead, () => client.GetAsync("/v1/numbers")),
            (Permission.NumberAccessManage, () => client.GetAsync($"/v1/numbers/{fixture.NumberId}/access")),
            (Permission.ApiKeysManage, () => client.GetAsync("/v1/api-keys")),
            (Permission.AuditRead, () => client.GetAsync("/v1/audit-log")),
            (Permission.AuditRead, () => client.GetAsync("/v1/audit-log/verify")),
            (Permission.BillingManage, () => client.PutAsJsonAsync("/v1/workspace/billing", new BillingRequest("business"), ApiDriver.Json)),
            (Permission.BillingRead, () => client.GetAsync("/v1/billing")),
            (Permission.BillingManage, () => client.PostAsync("/v1/billing/portal", null)),
            (Permission.BillingManage, () => client.PostAsJsonAsync("/v1/billing/checkout", new { plan = "business" })),
            (Permission.SecurityManage, () => client.PutAsJsonAsync("/v1/workspace/security", new SecurityPolicyRequest(false), ApiDriver.Json)),
            (Permission.DataExport, () => client.PostAsync("/v1/exports", null)),
            (Permission.SecurityManage, () => client.GetAsync("/v1/workspace/retention")),
            (Permission.SecurityManage, () => client.PutAsJsonAsync("/v1/workspace/retention", new RetentionPolicyDto(null, null, null), ApiDriver.Json)),
            (Permission.NumbersManage, () => client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest("+14155550101"), ApiDriver.Json)),
            (Permission.MembersManage, () => client.PostAsJsonAsync("/v1/members", new AddMemberRequest("not-an-address", Role.Viewer), ApiDriver.Json)),
            (Permission.ApiKeysManage, () => client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("probe", ["workspace:read"]), ApiDriver.Json)),
            (Permission.NumbersRead, () => client.GetAsync("/v1/calls")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/calls/{Guid.NewGuid()}")),
            (Permission.NumbersRead, () => client.GetAsync("/v1/voicemails")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/voicemails/{Guid.NewGuid()}")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/voicemails/{Guid.NewGuid()}/audio")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/recordings/{Guid.NewGuid()}")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/recordings/{Guid.NewGuid()}/audio")),
            (Permission.NumbersUse, () => client.DeleteAsync($"/v1/calls/{Guid.NewGuid()}")),
            (Permission.NumbersUse, () => client.PostAsync($"/v1/calls/{Guid.NewGuid()}/recording", null)),
            (Permission.NumbersUse, () => client.DeleteAsync($"/v1/calls/{Guid.NewGuid()}/recording")),
            (Permission.NumbersUse, () => client.PostAsync($"/v1/voicemails/{Guid.NewGuid()}/listened", null)),
            (Permission.NumbersUse, () => client.DeleteAsync($"/v1/voicemails/{Guid.NewGuid()}")),
            (Permission.NumbersManage, () => client.GetAsync($"/v1/numbers/{fixture.NumberId}/call-settings")),
            (Permission.NumbersManage, () => client.PutAsJsonAsync($"/v1/numbers/{fixture.NumberId}/call-settings", new NumberCallSettingsRequest(RingTimeoutSeconds: 20), ApiDriver.Json)),
            (Permission.NumbersManage, () => client.DeleteAsync($"/v1/numbers/{fixture.NumberId}/greeting")),
            (Permission.NumbersManage, () => client.PutAsync($"/v1/numbers/{fixture.NumberId}/greeting", new ByteArrayContent([1, 2, 3]))),
            (Permission.NumbersUse, () => client.PostAsJsonAsync("/v1/messages", new SendMessageRequest(fixture.NumberId.ToString(), "not a number", "probe"), ApiDriver.Json)),
            (Permission.NumbersRead, () => client.PostAsJsonAsync("/v1/messages/preview", new MessagePreviewRequest("probe"), ApiDriver.Json)),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/messages/{Guid.CreateVersion7()}")),
            (Permission.NumbersRead, () => client.GetAsync("/v1/conversations")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/conversations/{Guid.CreateVersion7()}")),
            (Permission.NumbersRead, () => client.GetAsync($"/v1/conversations/{Guid.CreateVersion7()}/messages")),
            (Permission.NumbersRead, () => client.PostAsync($"/v1/conversations/{Guid.CreateVersion7()}/read", null)),
            (Permission.NumbersRead, () => client.GetAsync("/v1/events", HttpCompletionOption.ResponseHeadersRead)),
            (Permission.WebhooksManage, () => client.GetAsync("/v1/webhooks")),
            (Permission.WebhooksManage, () => client.PostAsJsonAsync("/v1/webhooks", new WebhookRequest("http://not-allowed.example/", ["contact.created"]), ApiDriver.Json)),
            (Permission.TrunksManage, () => client.GetAsync("/v1/trunks")),
            (Permission.TrunksManage, () => client.PostAsJsonAsync("/v1/trunks", new TrunkRequest("probe", "not a host"), ApiDriver.Json)),
            (Permission.TrunksManage, () => client.GetAsync($"/v1/trunks/{Guid.NewGuid()}")),
            (Permission.TrunksManage, () => client.PutAsJsonAsync($"/v1/trunks/{Guid.NewGuid()}", new TrunkRequest("probe", "192.0.2.1"), ApiDriver.Json)),
            (Permission.TrunksManage, () => client.DeleteAsync($"/v1/trunks/{Guid.NewGuid()}")),
        };

        foreach (var (permission, call) in probes)
        {
            using var response = await call();
            var allowed = expected.HasFlag(permission);
            var what = $"{actor} {response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} -> {(int)response.StatusCode}";
            if (allowed)
            {
                Assert.True(response.StatusCode != HttpStatusCode.Forbidden, what);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
                Assert.EndsWith(":forbidden", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Admin_CannotGrantOwnerRole()
    {
        var admin = fixture.Actors["admin"];
        var member = fixture.Actors["member"];
        var response = await admin.Client.PatchAsJsonAsync($"/v1/members/{member.MembershipId}", new ChangeMemberRequest(Role.Owner), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Owner_CannotDemoteLastOwner()
    {
        var owner = fixture.Actors["owner"];
        var response = await owner.Client.PatchAsJsonAsync($"/v1/members/{owner.MembershipId}", new ChangeMemberRequest(Role.Admin), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Admin_CannotGrantBillingWithoutBillingCapability()
    {
        var admin = fixture.Actors["admin"];
        var viewer = fixture.Actors["viewer"];
        var response = await admin.Client.PatchAsJsonAsync($"/v1/members/{viewer.MembershipId}", new ChangeMemberRequest(Billing: true), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
