namespace PhonePlatform.Billing;

/// <summary>Settings of the <c>Billing</c> section.</summary>
public sealed class BillingOptions
{
    /// <summary>Stripe secret key (<c>sk_live_…</c> / <c>sk_test_…</c>); billing endpoints answer 503 without it.</summary>
    public string? StripeSecretKey { get; set; }

    /// <summary>Signing secret of the webhook endpoint (<c>whsec_…</c>).</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>Stripe API base; only tests change it.</summary>
    public Uri? StripeApiBase { get; set; }

    /// <summary>Maximum age of a webhook signature timestamp (replay window).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Plans by name (e.g. <c>starter</c>, <c>business</c>): each a Stripe per-seat recurring price.</summary>
    public Dictionary<string, BillingPlanOptions> Plans { get; } = new(StringComparer.Ordinal);

    /// <summary>Where Stripe Checkout returns after a subscription starts or is abandoned.</summary>
    public Uri CheckoutSuccessUrl { get; set; } = new("https://localhost/app/admin/billing?checkout=success");

    public Uri CheckoutCancelUrl { get; set; } = new("https://localhost/app/admin/billing?checkout=cancelled");

    /// <summary>Where the Stripe billing portal returns.</summary>
    public Uri PortalReturnUrl { get; set; } = new("https://localhost/app/admin/billing");

    /// <summary>Free trial days of a new subscription (0 for none).</summary>
    public int TrialDays { get; set; }
}

/// <summary>One plan: the Stripe Price billed per seat, and what the API shows of it.</summary>
public sealed class BillingPlanOptions
{
    public string PriceId { get; set; } = string.Empty;

    /// <summary>Per-seat amount in the currency's minor unit (informational; Stripe's price is what is charged).</summary>
    public long SeatPriceMinor { get; set; }

    public string Currency { get; set; } = "usd";
}
