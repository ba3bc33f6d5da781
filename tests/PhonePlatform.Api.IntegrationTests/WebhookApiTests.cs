using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Webhooks.IntegrationTests.Support;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>/v1/webhooks through the real host, whose jobs role delivers to a Kestrel receiver on loopback.</summary>
public sealed class WebhookApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TestSend_IsDeliveredSigned_AndListedWithItsAttempt_ThenRetriedOnRequest()
    {
        var owner = await new ApiDriver(factory).CreateWorkspaceAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var created = await CreateAsync(owner, receiver.Url);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);

        var test = await owner.Client.PostAsync($"/v1/webhooks/{created.Webhook.Id}/test", null);
        await ApiDriver.Expect(test, HttpStatusCode.Accepted);
        var delivery = (await test.Content.ReadFromJsonAsync<WebhookDeliveryResponse>(ApiDriver.Json))!;
        await WaitForAsync(() => !receiver.Received.IsEmpty);

        var received = receiver.Received.First();
        Assert.Equal(delivery.MessageId, received.Id);
        Assert.True(StandardWebhooksVerifier.Verify(created.Secret, received.Id, received.Timestamp, received.Signature, received.Body, factory.Time.GetUtcNow()));
        using (var body = JsonDocument.Parse(received.Body))
        {
            Assert.Equal(WebhookEventTypes.Test, body.RootElement.GetProperty("type").GetString());
        }

        var attempts = await WaitForAttemptsAsync(owner, created.Webhook.Id, delivery.Id, 1);
        Assert.Equal(200, Assert.Single(attempts).StatusCode);
        var deliveries = await owner.Client.GetFromJsonAsync<Page<WebhookDeliveryResponse>>($"/v1/webhooks/{created.Webhook.Id}/deliveries", ApiDriver.Json);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, Assert.Single(deliveries!.Items).Status);

        await ApiDriver.Expect(await owner.Client.PostAsync($"/v1/webhooks/{created.Webhook.Id}/deliveries/{delivery.Id}/retry", null), HttpStatusCode.Accepted);
        await WaitForAsync(() => receiver.Received.Count >= 2);
        Assert.Equal(received.Id, receiver.Received.Last().Id);
        await WaitForAttemptsAsync(owner, created.Webhook.Id, delivery.Id, 2);
    }

    [Fact]
    public async Task Crud_ValidatesInput_ShowsTheSecretOnlyOnCreateAndRotate()
    {
        var api = new ApiDriver(factory);
        var owner = await api.CreateWorkspaceAsync();
        foreach (var bad in new[]
                 {
                     new WebhookRequest("http://example.com/hook", ["contact.created"]),
                     new WebhookRequest("https://10.0.0.1/hook", ["contact.created"]),
                     new WebhookRequest("https://example.com/hook", ["no.such.event"]),
                     new WebhookRequest("https://example.com/hook", []),
                 })
        {
            var refused = await owner.Client.PostAsJsonAsync("/v1/webhooks", bad, ApiDriver.Json);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.EndsWith(":validation", await ApiDriver.ProblemTypeAsync(refused), StringComparison.Ordinal);
        }

        var created = await CreateAsync(owner, "https://example.com/hook");
        var listed = await owner.Client.GetStringAsync("/v1/webhooks");
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await owner.Client.GetStringAsync($"/v1/webhooks/{created.Webhook.Id}"), StringComparison.Ordinal);

        var updated = await owner.Client.PutAsJsonAsync($"/v1/webhooks/{created.Webhook.Id}",
            new WebhookRequest("https://example.org/hook", ["message.received", "call.completed"], "calls", Enabled: false), ApiDriver.Json);
        await ApiDriver.Expect(updated, HttpStatusCode.OK);
        var view = (await updated.Content.ReadFromJsonAsync<WebhookResponse>(ApiDriver.Json))!;
        Assert.Equal(("https://example.org/hook", false, "calls"), (view.Url, view.Enabled, view.Description));

        var rotate = await owner.Client.PostAsync($"/v1/webhooks/{created.Webhook.Id}/rotate-secret", null);
        await ApiDriver.Expect(rotate, HttpStatusCode.OK);
        var rotated = (await rotate.Content.ReadFromJsonAsync<RotatedWebhookSecretResponse>(ApiDriver.Json))!;
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(factory.Time.GetUtcNow() + TimeSpan.FromHours(24), rotated.PreviousSecretExpiresAt);

        var member = await api.AddMemberAsync(owner, Role.Member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync("/v1/webhooks")).StatusCode);

        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/webhooks/{created.Webhook.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/webhooks/{created.Webhook.Id}")).StatusCode);

        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?limit=200");
        var actions = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("targetId").GetString() == created.Webhook.Id.ToString())
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["webhook.deleted", "webhook.secret_rotated", "webhook.changed", "webhook.created"], actions);
    }

    private static async Task<CreatedWebhookResponse> CreateAsync(Actor owner, string url)
    {
        var response = await owner.Client.PostAsJsonAsync("/v1/webhooks", new WebhookRequest(url, ["contact.created"], "test"), ApiDriver.Json);
        await ApiDriver.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedWebhookResponse>(ApiDriver.Json))!;
    }

    private async Task<List<WebhookAttemptResponse>> WaitForAttemptsAsync(Actor owner, Guid webhookId, Guid deliveryId, int count)
    {
        List<WebhookAttemptResponse> attempts = [];
        await WaitForAsync(() =>
        {
            attempts = owner.Client.GetFromJsonAsync<List<WebhookAttemptResponse>>($"/v1/webhooks/{webhookId}/deliveries/{deliveryId}/attempts", ApiDriver.Json)
                .GetAwaiter().GetResult()!;
            return attempts.Count >= count;
        });
        return attempts;
    }

    // The host's dispatcher polls on the fake clock: move it on until the condition holds.
    private async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
