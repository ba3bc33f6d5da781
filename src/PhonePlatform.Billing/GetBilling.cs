using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Core.Billing;
using PhonePlatform.Data;

namespace PhonePlatform.Billing;

/// <summary>The current workspace's billing state.</summary>
public sealed class GetBilling(PhonePlatformDbContext db, IOptions<BillingOptions> options)
{
    public const string PastDueWarning = "The last payment failed. Update the card in the billing portal to keep the workspace active.";
    public const string CanceledWarning = "The subscription is canceled: the workspace is read-only and will be deleted at the end of the retention period.";

    public async Task<BillingState> ExecuteAsync(CancellationToken cancellationToken)
    {
        var account = await db.BillingAccounts.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var members = await db.Memberships.CountAsync(cancellationToken);
        var status = account?.Status ?? SubscriptionStatus.None;
        var warning = status switch
        {
            SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid => PastDueWarning,
            SubscriptionStatus.Canceled => CanceledWarning,
            _ => null,
        };
        var plans = options.Value.Plans.Select(p => new BillingPlanView(p.Key, p.Value.SeatPriceMinor, p.Value.Currency)).ToList();
        return new BillingState(account?.Plan, status, account?.Seats ?? 0, members, account?.CurrentPeriodEnd, warning, plans);
    }
}
