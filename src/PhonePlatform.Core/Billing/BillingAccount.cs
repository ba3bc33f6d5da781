namespace PhonePlatform.Core.Billing;

/// <summary>
/// A workspace's billing with Stripe: its Customer, its subscription and the state Stripe last reported. Card data
/// never reaches us: checkout and card changes happen on Stripe-hosted pages.
/// </summary>
public sealed class BillingAccount : ITenantScoped
{
    public Guid WorkspaceId { get; set; }
    public required string StripeCustomerId { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public string? StripeSubscriptionItemId { get; set; }
    public string? Plan { get; set; }
    public SubscriptionStatus Status { get; set; }
    public int Seats { get; set; }
    public DateTimeOffset? CurrentPeriodEnd { get; set; }

    /// <summary>Created time of the last Stripe event applied, so an older event delivered late does not roll state back.</summary>
    public DateTimeOffset? LastEventAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Subscription state as Stripe names it (<c>trialing</c>, <c>active</c>, <c>past_due</c>, <c>canceled</c>, …).</summary>
public enum SubscriptionStatus
{
    None,
    Trialing,
    Active,
    PastDue,
    Canceled,
    Incomplete,
    IncompleteExpired,
    Unpaid,
    Paused,
}
