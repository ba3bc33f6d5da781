using Microsoft.Extensions.Options;
using PhonePlatform.Billing.Internal;
using PhonePlatform.Data;

namespace PhonePlatform.Billing;

/// <summary>A Stripe Billing Portal session for card and invoice changes; returns the Stripe-hosted URL.</summary>
public sealed class OpenBillingPortal(PhonePlatformDbContext db, AuditLog audit, StripeConnection stripeConnection, IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<Uri> ExecuteAsync(AuditEvent actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stripe = stripeConnection.Api;
        var account = await BillingCustomers.EnsureAsync(db, stripe, time.GetUtcNow(), cancellationToken);
        var url = await stripe.CreatePortalAsync(account.StripeCustomerId, options.Value.PortalReturnUrl, cancellationToken);
        await audit.AppendAsync(actor with { Action = BillingAuditActions.PortalOpened, TargetType = "workspace", TargetId = account.WorkspaceId.ToString() }, cancellationToken);
        return url;
    }
}
