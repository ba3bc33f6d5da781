using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhonePlatform.Billing.Internal;
using PhonePlatform.Compliance;
using PhonePlatform.Core.Billing;
using PhonePlatform.Data;
using Stripe;

namespace PhonePlatform.Billing;

/// <summary>
/// The Stripe webhook: verifies the <c>Stripe-Signature</c> (HMAC-SHA256 under the endpoint secret, timestamp within
/// <see cref="BillingOptions.WebhookTolerance"/>) with <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>,
/// skips event ids already applied, and applies <c>customer.subscription.created|updated|deleted</c>,
/// <c>invoice.paid</c> and <c>invoice.payment_failed</c> to the workspace named in the subscription's metadata
/// (and owning that customer). A canceled subscription starts the compliance cancellation (read-only, purge after
/// the retention period). The event id is recorded in the same transaction as the change it caused.
/// </summary>
public sealed partial class ApplyStripeEvent(
    PhonePlatformDbContext db,
    AuditLog audit,
    CancelWorkspace cancelWorkspace,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<ApplyStripeEvent> logger)
{
    private static readonly AuditEvent StripeActor = new("billing", null, null, null);

    public async Task<WebhookOutcome> ExecuteAsync(string payload, string? signature, CancellationToken cancellationToken)
    {
        var secret = options.Value.StripeWebhookSecret ?? throw new BillingException("Billing is not configured (Billing:StripeWebhookSecret).");
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                payload, signature ?? string.Empty, secret, (long)options.Value.WebhookTolerance.TotalSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException e)
        {
            LogRejected(logger, e.Message);
            return WebhookOutcome.Rejected;
        }

        if (await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.Id == stripeEvent.Id, cancellationToken))
        {
            return WebhookOutcome.Duplicate;
        }

        var change = StripeEventChange.From(stripeEvent);
        if (change is null)
        {
            return await RecordAsync(stripeEvent, null, cancellationToken);
        }

        db.UseWorkspace(change.WorkspaceId);
        var account = await db.BillingAccounts.SingleOrDefaultAsync(cancellationToken);
        if (account is null || account.StripeCustomerId != change.CustomerId)
        {
            LogForeignCustomer(logger, stripeEvent.Id);
            return await RecordAsync(stripeEvent, null, cancellationToken);
        }

        if (change.Status == SubscriptionStatus.Canceled && account.Status != SubscriptionStatus.Canceled)
        {
            // Its own transaction, and idempotent: if recording below fails, Stripe's retry cancels again harmlessly.
            await cancelWorkspace.ExecuteAsync(StripeActor with { Details = "subscription canceled" }, deleteNow: false, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var details = change.ApplyTo(account, stripeEvent.Created, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(StripeActor with { Action = change.AuditAction, TargetType = "workspace", TargetId = account.WorkspaceId.ToString(), Details = $"event={stripeEvent.Id};{details}" }, cancellationToken);
        var outcome = await RecordAsync(stripeEvent, account.WorkspaceId, cancellationToken);
        if (outcome == WebhookOutcome.Applied)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return outcome;
    }

    private async Task<WebhookOutcome> RecordAsync(Event stripeEvent, Guid? workspaceId, CancellationToken cancellationToken)
    {
        db.Add(new ProcessedStripeEvent { Id = stripeEvent.Id, Type = stripeEvent.Type, WorkspaceId = workspaceId, ProcessedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return workspaceId is null ? WebhookOutcome.Ignored : WebhookOutcome.Applied;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return WebhookOutcome.Duplicate; // a concurrent delivery of the same event won
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} names a workspace that does not own its customer; ignored")]
    private static partial void LogForeignCustomer(ILogger logger, string eventId);
}
