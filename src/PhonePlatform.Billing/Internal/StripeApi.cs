using Stripe;

namespace PhonePlatform.Billing.Internal;

/// <summary>The few Stripe calls billing makes, through Stripe.net's <see cref="StripeClient"/>.</summary>
internal sealed class StripeApi
{
    public const string WorkspaceMetadataKey = "workspace_id";
    public const string PlanMetadataKey = "plan";
    private readonly StripeClient client;

    public StripeApi(BillingOptions options, HttpClient http)
    {
        var key = options.StripeSecretKey ?? throw new BillingException("Billing is not configured (Billing:StripeSecretKey).");
        client = new StripeClient(new StripeClientOptions
        {
            ApiKey = key,
            ApiBase = options.StripeApiBase?.ToString().TrimEnd('/') ?? StripeClient.DefaultApiBase,
            HttpClient = new SystemNetHttpClient(http),
        });
    }

    public async Task<string> CreateCustomerAsync(Guid workspaceId, string name, string idempotencyKey, CancellationToken cancellationToken)
    {
        var customer = await new CustomerService(client).CreateAsync(
            new CustomerCreateOptions { Name = name, Metadata = new() { [WorkspaceMetadataKey] = workspaceId.ToString() } },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return customer.Id;
    }

    public async Task<Uri> CreateCheckoutAsync(Guid workspaceId, string customerId, string plan, BillingPlanOptions price, int seats, BillingOptions options, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [WorkspaceMetadataKey] = workspaceId.ToString(), [PlanMetadataKey] = plan };
        var session = await new Stripe.Checkout.SessionService(client).CreateAsync(
            new Stripe.Checkout.SessionCreateOptions
            {
                Mode = "subscription",
                Customer = customerId,
                ClientReferenceId = workspaceId.ToString(),
                LineItems = [new Stripe.Checkout.SessionLineItemOptions { Price = price.PriceId, Quantity = seats }],
                SubscriptionData = new Stripe.Checkout.SessionSubscriptionDataOptions
                {
                    Metadata = metadata,
                    TrialPeriodDays = options.TrialDays > 0 ? options.TrialDays : null,
                },
                Metadata = metadata,
                SuccessUrl = options.CheckoutSuccessUrl.ToString(),
                CancelUrl = options.CheckoutCancelUrl.ToString(),
            },
            cancellationToken: cancellationToken);
        return new Uri(session.Url);
    }

    public async Task<Uri> CreatePortalAsync(string customerId, Uri returnUrl, CancellationToken cancellationToken)
    {
        var session = await new Stripe.BillingPortal.SessionService(client).CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl.ToString() },
            cancellationToken: cancellationToken);
        return new Uri(session.Url);
    }

    public async Task<long> SetSeatsAsync(string subscriptionItemId, int seats, CancellationToken cancellationToken)
    {
        var item = await new SubscriptionItemService(client).UpdateAsync(
            subscriptionItemId,
            new SubscriptionItemUpdateOptions { Quantity = seats, ProrationBehavior = "create_prorations" },
            cancellationToken: cancellationToken);
        return item.Quantity;
    }
}
