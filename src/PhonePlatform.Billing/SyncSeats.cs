using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PhonePlatform.Data;

namespace PhonePlatform.Billing;

/// <summary>
/// Sets the subscription item's quantity to the workspace's member count (an absolute value, so a missed or
/// repeated sync is corrected by the next one). Does nothing before a subscription exists. Audit-logged.
/// </summary>
public sealed partial class SyncSeats(PhonePlatformDbContext db, AuditLog audit, StripeConnection stripeConnection, TimeProvider time, ILogger<SyncSeats> logger)
{
    public async Task<int?> ExecuteAsync(AuditEvent actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var account = await db.BillingAccounts.SingleOrDefaultAsync(cancellationToken);
        if (account?.StripeSubscriptionItemId is null)
        {
            return null;
        }

        var members = Math.Max(1, await db.Memberships.CountAsync(cancellationToken));
        if (members == account.Seats)
        {
            return members;
        }

        var previous = account.Seats;
        account.Seats = (int)await stripeConnection.Api.SetSeatsAsync(account.StripeSubscriptionItemId, members, cancellationToken);
        account.UpdatedAt = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(actor with { Action = BillingAuditActions.SeatsSynchronised, TargetType = "workspace", TargetId = account.WorkspaceId.ToString(), Details = $"seats={previous}->{account.Seats}" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account.Seats;
    }

    /// <summary>For membership changes: the change is committed already, so a Stripe outage is logged and left to the next sync.</summary>
    public async Task TryExecuteAsync(AuditEvent actor, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(actor, cancellationToken);
        }
#pragma warning disable CA1031 // Seat sync must never fail the membership change that triggered it.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSyncFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seat synchronisation with Stripe failed; the next membership change or sync retries")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
