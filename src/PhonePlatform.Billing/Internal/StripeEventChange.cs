using PhonePlatform.Core.Billing;
using Stripe;

namespace PhonePlatform.Billing.Internal;

/// <summary>What one handled Stripe event changes on a workspace's <see cref="BillingAccount"/>.</summary>
internal sealed record StripeEventChange(Guid WorkspaceId, string CustomerId, string AuditAction, SubscriptionStatus? Status, Subscription? Subscription)
{
    /// <summary>The change an event asks for, or null for events billing does not handle or that name no workspace.</summary>
    public static StripeEventChange? From(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Subscription subscription when stripeEvent.Type is EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated or EventTypes.CustomerSubscriptionDeleted
            && Workspace(subscription.Metadata) is { } workspaceId =>
            new(workspaceId, subscription.CustomerId, BillingAuditActions.SubscriptionChanged,
                stripeEvent.Type == EventTypes.CustomerSubscriptionDeleted ? SubscriptionStatus.Canceled : ParseStatus(subscription.Status), subscription),
        Invoice invoice when stripeEvent.Type is EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed
            && Workspace(invoice.Parent?.SubscriptionDetails?.Metadata) is { } workspaceId =>
            new(workspaceId, invoice.CustomerId, stripeEvent.Type == EventTypes.InvoicePaid ? BillingAuditActions.InvoicePaid : BillingAuditActions.PaymentFailed,
                stripeEvent.Type == EventTypes.InvoicePaymentFailed ? SubscriptionStatus.PastDue : null, null),
        _ => null,
    };

    /// <summary>Applies the change unless a newer event was applied already; returns the audit details.</summary>
    public string ApplyTo(BillingAccount account, DateTime eventCreated, DateTimeOffset now)
    {
        var created = new DateTimeOffset(DateTime.SpecifyKind(eventCreated, DateTimeKind.Utc));
        if (account.LastEventAt > created)
        {
            return "stale=true";
        }

        var previous = account.Status;
        if (Subscription is { } subscription)
        {
            var item = subscription.Items?.Data?.FirstOrDefault();
            account.StripeSubscriptionId = subscription.Id;
            account.StripeSubscriptionItemId = item?.Id ?? account.StripeSubscriptionItemId;
            account.Seats = item is null ? account.Seats : (int)item.Quantity;
            account.CurrentPeriodEnd = item is null ? account.CurrentPeriodEnd : new DateTimeOffset(DateTime.SpecifyKind(item.CurrentPeriodEnd, DateTimeKind.Utc));
            account.Plan = subscription.Metadata.GetValueOrDefault(StripeApi.PlanMetadataKey) ?? account.Plan;
        }

        if (Status is { } status)
        {
            account.Status = status;
        }
        else if (AuditAction == BillingAuditActions.InvoicePaid && account.Status == SubscriptionStatus.PastDue)
        {
            account.Status = SubscriptionStatus.Active;
        }

        account.LastEventAt = created;
        account.UpdatedAt = now;
        return $"status={previous}->{account.Status};seats={account.Seats}";
    }

    private static Guid? Workspace(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(StripeApi.WorkspaceMetadataKey, out var value) && Guid.TryParse(value, out var id) ? id : null;

    private static SubscriptionStatus ParseStatus(string status) => status switch
    {
        "trialing" => SubscriptionStatus.Trialing,
        "active" => SubscriptionStatus.Active,
        "past_due" => SubscriptionStatus.PastDue,
        "canceled" => SubscriptionStatus.Canceled,
        "incomplete" => SubscriptionStatus.Incomplete,
        "incomplete_expired" => SubscriptionStatus.IncompleteExpired,
        "unpaid" => SubscriptionStatus.Unpaid,
        "paused" => SubscriptionStatus.Paused,
        _ => SubscriptionStatus.None,
    };
}
