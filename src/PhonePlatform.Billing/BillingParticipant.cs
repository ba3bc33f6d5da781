using Microsoft.EntityFrameworkCore;
using PhonePlatform.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Billing;

/// <summary>The workspace's billing account (Stripe ids and state) goes with the workspace.</summary>
public sealed class BillingParticipant : IWorkspaceDataParticipant
{
    public string Name => "billing";

    public int DeletionOrder => 100;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int> { ["billingAccounts"] = await db.BillingAccounts.ExecuteDeleteAsync(cancellationToken) };
    }
}
