using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Billing;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests.Billing;

/// <summary>The API host with billing pointed at <see cref="FakeStripeServer"/>.</summary>
public sealed class BillingFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public FakeStripeServer Stripe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripeServer.StartAsync();
        Factory.Settings["Billing:StripeSecretKey"] = FakeStripeServer.SecretKey;
        Factory.Settings["Billing:StripeWebhookSecret"] = StripeEvents.WebhookSecret;
        Factory.Settings["Billing:StripeApiBase"] = Stripe.BaseAddress.ToString();
        Factory.Settings["Billing:Plans:business:PriceId"] = "price_business";
        Factory.Settings["Billing:Plans:business:SeatPriceMinor"] = "1500";
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

public sealed class BillingTests(BillingFixture fixture) : IClassFixture<BillingFixture>
{
    private readonly ApiDriver api = new(fixture.Factory);

    private DateTimeOffset Now => fixture.Factory.Time.GetUtcNow();

    [Fact]
    public async Task Checkout_SteppedUpOwner_ReturnsStripeHostedUrlForOneSeatPerMember()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/billing/checkout", new { plan = "business" });

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", url, StringComparison.Ordinal);
        var customer = fixture.Stripe.To("/v1/customers").Single(r => r.Form["metadata[workspace_id]"] == owner.WorkspaceId.ToString());
        Assert.Equal($"customer-{owner.WorkspaceId:N}", customer.IdempotencyKey);
        var session = fixture.Stripe.To("/v1/checkout/sessions").Single(r => r.Form["client_reference_id"] == owner.WorkspaceId.ToString());
        Assert.Equal("subscription", session.Form["mode"]);
        Assert.Equal("price_business", session.Form["line_items[0][price]"]);
        Assert.Equal("1", session.Form["line_items[0][quantity]"]);
        Assert.Equal(owner.WorkspaceId.ToString(), session.Form["subscription_data[metadata][workspace_id]"]);
        Assert.DoesNotContain(session.Form.Keys, k => k.Contains("card", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await AuditActionsAsync(owner), a => a == BillingAuditActions.CheckoutStarted);
    }

    [Fact]
    public async Task Checkout_WithoutStepUp_IsRefused()
    {
        var owner = await api.CreateWorkspaceAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/billing/checkout", new { plan = "business" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith(":step-up-required", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_UnknownPlan_IsAValidationProblem()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/billing/checkout", new { plan = "platinum" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Portal_SteppedUpOwner_ReturnsStripeHostedUrl()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();

        var response = await owner.Client.PostAsync("/v1/billing/portal", null);

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.StartsWith("https://billing.stripe.com/p/session/", url, StringComparison.Ordinal);
        Assert.Contains(await AuditActionsAsync(owner), a => a == BillingAuditActions.PortalOpened);
    }

    [Fact]
    public async Task Webhook_SubscriptionCreated_ThenMembersJoinAndLeave_SeatsFollow()
    {
        var (owner, customer) = await SubscribedOwnerAsync("si_seats");

        var billing = await BillingAsync(owner);
        Assert.Equal("active", billing.GetProperty("status").GetString());
        Assert.Equal(1, billing.GetProperty("seats").GetInt32());
        Assert.Equal("business", billing.GetProperty("plan").GetString());

        var member = await api.AddMemberAsync(owner, Role.Member);
        Assert.Equal("2", fixture.Stripe.To("/v1/subscription_items/si_seats")[^1].Form["quantity"]);
        Assert.Equal(2, (await BillingAsync(owner)).GetProperty("seats").GetInt32());

        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/members/{member.MembershipId}"), HttpStatusCode.NoContent);
        Assert.Equal("1", fixture.Stripe.To("/v1/subscription_items/si_seats")[^1].Form["quantity"]);
        Assert.Equal(1, (await BillingAsync(owner)).GetProperty("seats").GetInt32());
        Assert.Contains(await AuditActionsAsync(owner), a => a == BillingAuditActions.SeatsSynchronised);
        Assert.StartsWith("cus_", customer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_PaymentFailed_ShowsPastDueWarning_ThenInvoicePaidClearsIt()
    {
        var (owner, customer) = await SubscribedOwnerAsync("si_pastdue");

        await ApiDriver.Expect(await PostEventAsync(StripeEvents.Invoice(EventId(), "invoice.payment_failed", Now, owner.WorkspaceId, customer)), HttpStatusCode.OK);
        var pastDue = await BillingAsync(owner);
        Assert.Equal("pastDue", pastDue.GetProperty("status").GetString());
        Assert.Equal(GetBilling.PastDueWarning, pastDue.GetProperty("warning").GetString());

        await ApiDriver.Expect(await PostEventAsync(StripeEvents.Invoice(EventId(), "invoice.paid", Now.AddSeconds(1), owner.WorkspaceId, customer)), HttpStatusCode.OK);
        var paid = await BillingAsync(owner);
        Assert.Equal("active", paid.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, paid.GetProperty("warning").ValueKind);
        Assert.Contains(await AuditActionsAsync(owner), a => a == BillingAuditActions.PaymentFailed);
    }

    [Fact]
    public async Task Webhook_SubscriptionDeleted_StartsTheCancellationWithRetention()
    {
        var (owner, customer) = await SubscribedOwnerAsync("si_cancel");

        var deleted = StripeEvents.Subscription(EventId(), "customer.subscription.deleted", Now.AddSeconds(1), owner.WorkspaceId, customer, "canceled", 1, "si_cancel");
        await ApiDriver.Expect(await PostEventAsync(deleted), HttpStatusCode.OK);

        Assert.Equal("canceled", (await BillingAsync(owner)).GetProperty("status").GetString());
        var cancellation = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/workspace/cancellation");
        var purgeAfter = cancellation.GetProperty("purgeAfter").GetDateTimeOffset();
        Assert.InRange(purgeAfter - Now, TimeSpan.FromDays(29), TimeSpan.FromDays(31));
    }

    [Fact]
    public async Task Webhook_BadSignature_IsRejected()
    {
        var owner = await api.CreateWorkspaceAsync();
        var payload = StripeEvents.Subscription(EventId(), "customer.subscription.created", Now, owner.WorkspaceId, "cus_x", "active", 1);

        var wrongSecret = await PostEventAsync(payload, StripeEvents.Signature(payload, Now, "whsec_someone_else"));
        var tampered = await PostEventAsync(payload.Replace("\"active\"", "\"trialing\"", StringComparison.Ordinal), StripeEvents.Signature(payload, Now));
        var missing = await PostEventAsync(payload, signature: "");

        Assert.Equal(HttpStatusCode.BadRequest, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Webhook_OldTimestamp_IsRejectedAsAReplay()
    {
        var (owner, customer) = await SubscribedOwnerAsync("si_old");
        var payload = StripeEvents.Subscription(EventId(), "customer.subscription.updated", Now, owner.WorkspaceId, customer, "past_due", 1, "si_old");

        var response = await PostEventAsync(payload, StripeEvents.Signature(payload, Now.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("active", (await BillingAsync(owner)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Webhook_ReplayedEventId_IsAppliedOnce()
    {
        var (owner, customer) = await SubscribedOwnerAsync("si_replay");
        var id = EventId();
        var first = StripeEvents.Subscription(id, "customer.subscription.updated", Now.AddSeconds(1), owner.WorkspaceId, customer, "past_due", 1, "si_replay");
        var sameIdOtherContent = StripeEvents.Subscription(id, "customer.subscription.updated", Now.AddSeconds(2), owner.WorkspaceId, customer, "active", 1, "si_replay");

        await ApiDriver.Expect(await PostEventAsync(first), HttpStatusCode.OK);
        await ApiDriver.Expect(await PostEventAsync(sameIdOtherContent), HttpStatusCode.OK);
        await ApiDriver.Expect(await PostEventAsync(first), HttpStatusCode.OK);

        Assert.Equal("pastDue", (await BillingAsync(owner)).GetProperty("status").GetString());
        // One entry for the subscription's creation, one for the first delivery of the replayed event.
        Assert.Equal(2, (await AuditActionsAsync(owner)).Count(a => a == BillingAuditActions.SubscriptionChanged));
    }

    [Fact]
    public async Task Webhook_EventNamingAnotherWorkspacesCustomer_ChangesNothing()
    {
        var (victim, _) = await SubscribedOwnerAsync("si_victim");
        var (_, attackerCustomer) = await SubscribedOwnerAsync("si_attacker");

        var forged = StripeEvents.Subscription(EventId(), "customer.subscription.deleted", Now.AddSeconds(1), victim.WorkspaceId, attackerCustomer, "canceled", 1);
        await ApiDriver.Expect(await PostEventAsync(forged), HttpStatusCode.OK);

        Assert.Equal("active", (await BillingAsync(victim)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await victim.Client.GetAsync("/v1/workspace/cancellation")).StatusCode);
    }

    [Fact]
    public async Task GetBilling_OtherWorkspace_SeesOnlyItsOwnAccount()
    {
        await SubscribedOwnerAsync("si_tenant");
        var other = await api.CreateSteppedUpOwnerAsync("Other");

        var billing = await BillingAsync(other);

        Assert.Equal("none", billing.GetProperty("status").GetString());
        Assert.Equal(0, billing.GetProperty("seats").GetInt32());
    }

    private static string EventId() => "evt_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>An owner whose workspace went through checkout and received <c>customer.subscription.created</c> (active, one seat).</summary>
    private async Task<(Actor Owner, string Customer)> SubscribedOwnerAsync(string itemId)
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.Expect(await owner.Client.PostAsJsonAsync("/v1/billing/checkout", new { plan = "business" }), HttpStatusCode.OK);
        var customerId = fixture.Stripe.To("/v1/checkout/sessions").Single(r => r.Form["client_reference_id"] == owner.WorkspaceId.ToString()).Form["customer"];
        var created = StripeEvents.Subscription(EventId(), "customer.subscription.created", Now, owner.WorkspaceId, customerId, "active", 1, itemId);
        await ApiDriver.Expect(await PostEventAsync(created), HttpStatusCode.OK);
        return (owner, customerId);
    }

    private async Task<HttpResponseMessage> PostEventAsync(string payload, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/billing/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature ?? StripeEvents.Signature(payload, Now));
        return await api.Anonymous().SendAsync(request);
    }

    private static async Task<JsonElement> BillingAsync(Actor actor) => await actor.Client.GetFromJsonAsync<JsonElement>("/v1/billing");

    private static async Task<List<string>> AuditActionsAsync(Actor actor)
    {
        var audit = await actor.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?limit=200");
        return audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
    }
}
