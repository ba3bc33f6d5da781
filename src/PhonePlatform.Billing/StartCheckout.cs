using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Billing.Internal;
using PhonePlatform.Data;

namespace PhonePlatform.Billing;

/// <summary>
/// Starts a subscription: a Stripe Checkout Session for the plan's per-seat price with one seat per member. Returns
/// the Stripe-hosted URL; the card is entered there, never here. The subscription itself arrives by webhook.
/// </summary>
public sealed class StartCheckout(PhonePlatformDbContext db, AuditLog audit, StripeConnection stripeConnection, IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<Uri> ExecuteAsync(AuditEvent actor, string plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!options.Value.Plans.TryGetValue(plan, out var price))
        {
            throw new BillingException($"Unknown plan '{plan}'. Plans: {string.Join(", ", options.Value.Plans.Keys)}.");
        }

        var stripe = stripeConnection.Api;
        var account = await BillingCustomers.EnsureAsync(db, stripe, time.GetUtcNow(), cancellationToken);
        var seats = Math.Max(1, await db.Memberships.CountAsync(cancellationToken));
        var url = await stripe.CreateCheckoutAsync(account.WorkspaceId, account.StripeCustomerId, plan, price, seats, options.Value, cancellationToken);
        await audit.AppendAsync(actor with { Action = BillingAuditActions.CheckoutStarted, TargetType = "workspace", TargetId = account.WorkspaceId.ToString(), Details = $"plan={plan};seats={seats}" }, cancellationToken);
        return url;
    }
}
