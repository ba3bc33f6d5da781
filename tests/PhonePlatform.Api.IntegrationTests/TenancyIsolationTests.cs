using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>Two workspaces; B's fully privileged, stepped-up owner tries every id of A.</summary>
public sealed class TenancyFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Actor OwnerA { get; private set; } = null!;

    public Actor OwnerB { get; private set; } = null!;

    public Actor MemberA { get; private set; } = null!;

    public Guid NumberA { get; private set; }

    public Guid NumberB { get; private set; }

    public Guid KeyA { get; private set; }

    public Guid ContactA { get; private set; }

    public Guid CallA { get; private set; }

    public Guid VoicemailA { get; private set; }

    public Guid RecordingA { get; private set; }
    public Guid ConversationA { get; private set; }

    public Guid MessageA { get; private set; }
    public Guid WebhookA { get; private set; }

    public Guid DeliveryA { get; private set; }

    public Guid ExportA { get; private set; }

    public Guid OwnExportA { get; private set; }
    public Guid TrunkA { get; private set; }

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var api = new ApiDriver(Factory);
        OwnerA = await api.CreateSteppedUpOwnerAsync("A");
        OwnerB = await api.CreateSteppedUpOwnerAsync("B");
        MemberA = await api.AddMemberAsync(OwnerA, Role.Member);
        NumberA = (await ApiDriver.AddNumberAsync(OwnerA, "+14155550100")).Id;
        NumberB = (await ApiDriver.AddNumberAsync(OwnerB, "+14155550100")).Id;
        await ApiDriver.Expect(
            await OwnerA.Client.PutAsJsonAsync($"/v1/numbers/{NumberA}/access/{MemberA.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json),
            HttpStatusCode.OK);
        var key = await OwnerA.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("a", ["numbers:read"]), ApiDriver.Json);
        await ApiDriver.Expect(key, HttpStatusCode.Created);
        KeyA = (await key.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ApiDriver.Json))!.Key.Id;
        var contact = await OwnerA.Client.PostAsJsonAsync("/v1/contacts", new ContactRequest("Ada A", ["+14155550199"]), ApiDriver.Json);
        await ApiDriver.Expect(contact, HttpStatusCode.Created);
        ContactA = (await contact.Content.ReadFromJsonAsync<ContactResponse>(ApiDriver.Json))!.Id;
        (CallA, VoicemailA, RecordingA) = await CallHistory.SeedAsync(Factory.Services, OwnerA.WorkspaceId, "+14155550100");
        var message = await OwnerA.Client.PostAsJsonAsync("/v1/messages", new SendMessageRequest(NumberA.ToString(), "+14155550199", "for A only"), ApiDriver.Json);
        await ApiDriver.Expect(message, HttpStatusCode.Accepted);
        var sent = (await message.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;
        (ConversationA, MessageA) = (sent.ConversationId, sent.Id);
        var webhook = await OwnerA.Client.PostAsJsonAsync("/v1/webhooks", new WebhookRequest("http://127.0.0.1:9/hook", ["contact.created"]), ApiDriver.Json);
        await ApiDriver.Expect(webhook, HttpStatusCode.Created);
        WebhookA = (await webhook.Content.ReadFromJsonAsync<CreatedWebhookResponse>(ApiDriver.Json))!.Webhook.Id;
        var test = await OwnerA.Client.PostAsync($"/v1/webhooks/{WebhookA}/test", null);
        await ApiDriver.Expect(test, HttpStatusCode.Accepted);
        DeliveryA = (await test.Content.ReadFromJsonAsync<WebhookDeliveryResponse>(ApiDriver.Json))!.Id;
        var export = await OwnerA.Client.PostAsync("/v1/exports", null);
        await ApiDriver.Expect(export, HttpStatusCode.Accepted);
        ExportA = (await export.Content.ReadFromJsonAsync<ExportResponse>(ApiDriver.Json))!.Id;
        var own = await OwnerA.Client.PostAsync("/v1/me/exports", null);
        await ApiDriver.Expect(own, HttpStatusCode.Accepted);
        OwnExportA = (await own.Content.ReadFromJsonAsync<ExportResponse>(ApiDriver.Json))!.Id;
        var trunk = await OwnerA.Client.PostAsJsonAsync("/v1/trunks", new TrunkRequest("A's carrier", "192.0.2.10", AuthUsername: "a", AuthPassword: "secret-a"), ApiDriver.Json);
        await ApiDriver.Expect(trunk, HttpStatusCode.Created);
        TrunkA = (await trunk.Content.ReadFromJsonAsync<TrunkResponse>(ApiDriver.Json))!.Id;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
}

public sealed class TenancyIsolationTests(TenancyFixture fixture) : IClassFixture<TenancyFixture>
{
    private (string Method, string Path, object? Body)[] CrossTenantRequests() =>
    [
        ("GET", $"/v1/members/{fixture.MemberA.MembershipId}", null),
        ("PATCH", $"/v1/members/{fixture.MemberA.MembershipId}", new ChangeMemberRequest(Role.Viewer)),
        ("DELETE", $"/v1/members/{fixture.MemberA.MembershipId}", null),
        ("GET", $"/v1/numbers/{fixture.NumberA}", null),
        ("DELETE", $"/v1/numbers/{fixture.NumberA}", null),
        ("GET", $"/v1/numbers/{fixture.NumberA}/access", null),
        ("PUT", $"/v1/numbers/{fixture.NumberA}/access/{fixture.MemberA.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.View)),
        ("PUT", $"/v1/numbers/{fixture.NumberB}/access/{fixture.MemberA.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.View)),
        ("DELETE", $"/v1/numbers/{fixture.NumberA}/access/{fixture.MemberA.MembershipId}", null),
        ("DELETE", $"/v1/api-keys/{fixture.KeyA}", null),
        ("GET", $"/v1/contacts/{fixture.ContactA}", null),
        ("PUT", $"/v1/contacts/{fixture.ContactA}", new ContactRequest("Mallory")),
        ("DELETE", $"/v1/contacts/{fixture.ContactA}", null),
        ("GET", $"/v1/calls/{fixture.CallA}", null),
        ("POST", $"/v1/calls/{fixture.CallA}/recording", null),
        ("DELETE", $"/v1/calls/{fixture.CallA}/recording", null),
        ("DELETE", $"/v1/calls/{fixture.CallA}", null),
        ("GET", $"/v1/recordings/{fixture.RecordingA}", null),
        ("GET", $"/v1/recordings/{fixture.RecordingA}/audio", null),
        ("GET", $"/v1/voicemails/{fixture.VoicemailA}", null),
        ("GET", $"/v1/voicemails/{fixture.VoicemailA}/audio", null),
        ("POST", $"/v1/voicemails/{fixture.VoicemailA}/listened", null),
        ("DELETE", $"/v1/voicemails/{fixture.VoicemailA}", null),
        ("GET", $"/v1/numbers/{fixture.NumberA}/call-settings", null),
        ("PUT", $"/v1/numbers/{fixture.NumberA}/call-settings", new NumberCallSettingsRequest(RingTimeoutSeconds: 10)),
        ("PUT", $"/v1/numbers/{fixture.NumberA}/greeting", CallHistory.WavContent(CallHistory.ToneWav(8000, 1, 0.2))),
        ("DELETE", $"/v1/numbers/{fixture.NumberA}/greeting", null),
        ("GET", $"/v1/messages/{fixture.MessageA}", null),
        ("POST", "/v1/messages", new SendMessageRequest(fixture.NumberA.ToString(), "+14155550198", "from A's number")),
        ("GET", $"/v1/conversations/{fixture.ConversationA}", null),
        ("GET", $"/v1/conversations/{fixture.ConversationA}/messages", null),
        ("POST", $"/v1/conversations/{fixture.ConversationA}/read", null),
        ("GET", $"/v1/webhooks/{fixture.WebhookA}", null),
        ("PUT", $"/v1/webhooks/{fixture.WebhookA}", new WebhookRequest("http://127.0.0.1:10/mallory", ["contact.created"])),
        ("DELETE", $"/v1/webhooks/{fixture.WebhookA}", null),
        ("POST", $"/v1/webhooks/{fixture.WebhookA}/rotate-secret", null),
        ("POST", $"/v1/webhooks/{fixture.WebhookA}/test", null),
        ("GET", $"/v1/webhooks/{fixture.WebhookA}/deliveries", null),
        ("GET", $"/v1/webhooks/{fixture.WebhookA}/deliveries/{fixture.DeliveryA}/attempts", null),
        ("POST", $"/v1/webhooks/{fixture.WebhookA}/deliveries/{fixture.DeliveryA}/retry", null),
        ("GET", $"/v1/exports/{fixture.ExportA}", null),
        ("POST", $"/v1/exports/{fixture.ExportA}/link", null),
        ("GET", $"/v1/me/exports/{fixture.OwnExportA}", null),
        ("POST", $"/v1/me/exports/{fixture.OwnExportA}/link", null),
        ("POST", $"/v1/members/{fixture.MemberA.MembershipId}/erasure", null),
        ("GET", $"/v1/trunks/{fixture.TrunkA}", null),
        ("PUT", $"/v1/trunks/{fixture.TrunkA}", new TrunkRequest("Mallory's carrier", "192.0.2.66")),
        ("DELETE", $"/v1/trunks/{fixture.TrunkA}", null),
    ];

    [Fact]
    public async Task EveryIdEndpoint_OtherWorkspacesId_Returns404AndChangesNothing()
    {
        foreach (var (method, path, body) in CrossTenantRequests())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: ApiDriver.Json);
            }

            var response = await fixture.OwnerB.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} -> {(int)response.StatusCode}");
            await ApiDriver.ProblemAsync(response);
        }

        // A's records are intact.
        await ApiDriver.Expect(await fixture.OwnerA.Client.GetAsync($"/v1/members/{fixture.MemberA.MembershipId}"), HttpStatusCode.OK);
        await ApiDriver.Expect(await fixture.OwnerA.Client.GetAsync($"/v1/numbers/{fixture.NumberA}"), HttpStatusCode.OK);
        var grants = await fixture.OwnerA.Client.GetFromJsonAsync<List<NumberAccessResponse>>($"/v1/numbers/{fixture.NumberA}/access", ApiDriver.Json);
        Assert.Equal(NumberAccessLevel.Use, Assert.Single(grants!).Level);
        var keys = await fixture.OwnerA.Client.GetFromJsonAsync<Page<ApiKeyResponse>>("/v1/api-keys", ApiDriver.Json);
        Assert.Null(Assert.Single(keys!.Items).RevokedAt);
        var contact = await fixture.OwnerA.Client.GetFromJsonAsync<ContactResponse>($"/v1/contacts/{fixture.ContactA}", ApiDriver.Json);
        Assert.Equal("Ada A", contact!.Name);
        await ApiDriver.Expect(await fixture.OwnerA.Client.GetAsync($"/v1/calls/{fixture.CallA}"), HttpStatusCode.OK);
        await ApiDriver.Expect(await fixture.OwnerA.Client.GetAsync($"/v1/recordings/{fixture.RecordingA}"), HttpStatusCode.OK);
        var voicemail = await fixture.OwnerA.Client.GetFromJsonAsync<VoicemailResponse>($"/v1/voicemails/{fixture.VoicemailA}", ApiDriver.Json);
        Assert.False(voicemail!.Listened);
        var conversations = await fixture.OwnerA.Client.GetFromJsonAsync<Page<ConversationResponse>>("/v1/conversations", ApiDriver.Json);
        Assert.Equal(fixture.ConversationA, Assert.Single(conversations!.Items).Id);
        var messages = await fixture.OwnerA.Client.GetFromJsonAsync<Page<MessageResponse>>($"/v1/conversations/{fixture.ConversationA}/messages", ApiDriver.Json);
        Assert.Equal("for A only", Assert.Single(messages!.Items).Body);
        var webhook = await fixture.OwnerA.Client.GetFromJsonAsync<WebhookResponse>($"/v1/webhooks/{fixture.WebhookA}", ApiDriver.Json);
        Assert.Equal("http://127.0.0.1:9/hook", webhook!.Url);
        var trunk = await fixture.OwnerA.Client.GetFromJsonAsync<TrunkResponse>($"/v1/trunks/{fixture.TrunkA}", ApiDriver.Json);
        Assert.Equal(("A's carrier", "192.0.2.10", true), (trunk!.Name, trunk.Host, trunk.HasCredentials));
    }

    /// <summary>Fails when someone adds an endpoint with an id in its route without adding it to the matrix above.</summary>
    [Fact]
    public void CrossTenantMatrix_CoversEveryRouteWithAnId()
    {
        var routes = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("{id", StringComparison.Ordinal))
            .Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0]} {e.RoutePattern.RawText}")
            .ToHashSet();
        var covered = CrossTenantRequests()
            .Select(r => $"{r.Method} {Normalize(r.Path)}")
            .ToHashSet();
        foreach (var route in routes)
        {
            Assert.Contains(Normalize(route), covered);
        }
    }

    [Fact]
    public async Task Lists_ShowOnlyOwnWorkspace()
    {
        var numbers = await fixture.OwnerB.Client.GetFromJsonAsync<Page<NumberResponse>>("/v1/numbers", ApiDriver.Json);
        Assert.Equal(fixture.NumberB, Assert.Single(numbers!.Items).Id);
        Assert.Empty((await fixture.OwnerB.Client.GetFromJsonAsync<Page<ConversationResponse>>("/v1/conversations", ApiDriver.Json))!.Items);
        Assert.Empty((await fixture.OwnerB.Client.GetFromJsonAsync<List<TrunkResponse>>("/v1/trunks", ApiDriver.Json))!);
        var members = await fixture.OwnerB.Client.GetFromJsonAsync<Page<MemberResponse>>("/v1/members", ApiDriver.Json);
        Assert.Single(members!.Items);
        var audit = await fixture.OwnerB.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?limit=200");
        foreach (var entry in audit.GetProperty("items").EnumerateArray())
        {
            Assert.NotEqual(fixture.OwnerA.UserId.ToString(), entry.GetProperty("actorUserId").GetString());
        }
    }

    [Fact]
    public async Task Billing_ShowsOnlyOwnWorkspacesAccount()
    {
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhonePlatform.Data.PhonePlatformDbContext>();
            db.UseWorkspace(fixture.OwnerA.WorkspaceId);
            if (!await db.BillingAccounts.AnyAsync())
            {
                db.BillingAccounts.Add(new PhonePlatform.Core.Billing.BillingAccount
                {
                    StripeCustomerId = "cus_tenancy_a", Status = PhonePlatform.Core.Billing.SubscriptionStatus.Active, Seats = 3, Plan = "business",
                });
                await db.SaveChangesAsync();
            }
        }

        var a = await fixture.OwnerA.Client.GetFromJsonAsync<JsonElement>("/v1/billing");
        var b = await fixture.OwnerB.Client.GetFromJsonAsync<JsonElement>("/v1/billing");

        Assert.Equal("active", a.GetProperty("status").GetString());
        Assert.Equal("none", b.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("plan").ValueKind);
    }

    [Fact]
    public async Task Login_IntoWorkspaceUserIsNotMemberOf_IsRefused()
    {
        var response = await new ApiDriver(fixture.Factory).Anonymous().PostAsJsonAsync(
            "/v1/sessions", new LoginRequest(fixture.MemberA.Email, ApiDriver.Password, WorkspaceId: fixture.OwnerB.WorkspaceId), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // "/v1/numbers/0b5c…/access/9f1e…" and "/v1/numbers/{id:guid}/access/{membershipId:guid}" both become "/v1/numbers/*/access/*".
    private static string Normalize(string route) => string.Join('/', route.Split('/').Select(segment =>
        segment.StartsWith('{') || Guid.TryParse(segment, out _) ? "*" : segment));
}
