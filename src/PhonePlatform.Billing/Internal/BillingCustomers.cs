using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Billing;
using PhonePlatform.Data;

namespace PhonePlatform.Billing.Internal;

/// <summary>The workspace's Stripe Customer, created on first need (idempotently on Stripe's side too).</summary>
internal static class BillingCustomers
{
    public static async Task<BillingAccount> EnsureAsync(PhonePlatformDbContext db, StripeApi stripe, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.BillingAccounts.SingleOrDefaultAsync(cancellationToken);
        if (account is not null)
        {
            return account;
        }

        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(cancellationToken);
        var customerId = await stripe.CreateCustomerAsync(workspace.Id, workspace.Name, $"customer-{workspace.Id:N}", cancellationToken);
        account = new BillingAccount { StripeCustomerId = customerId, Status = SubscriptionStatus.None, UpdatedAt = now };
        db.BillingAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }
}
