using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks;

/// <summary>
/// Turns workspace events into deliveries: claims events not yet fanned out (<c>FOR UPDATE SKIP LOCKED</c>, so
/// several job processes share the work without waiting on each other), queues one delivery per enabled subscription
/// of the event's type and marks the event fanned out, all in one transaction. An event whose transaction rolled back
/// was never visible here, so it is never delivered.
/// </summary>
public sealed class WebhookFanOut(IServiceScopeFactory scopes, WebhookOptions options, TimeProvider time)
{
    private sealed record ClaimedEvent(Guid Id, Guid WorkspaceId);

    /// <summary>One round; returns the number of events fanned out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.SqlQuery<ClaimedEvent>($"""
            SELECT "Id", "WorkspaceId" FROM "WorkspaceEvents" WHERE "FannedOutAt" IS NULL
            ORDER BY "Sequence" LIMIT {options.FanOutBatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var workspace in claimed.GroupBy(e => e.WorkspaceId))
        {
            db.UseWorkspace(workspace.Key);
            var ids = workspace.Select(e => e.Id).ToList();
            var events = await db.WorkspaceEvents.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
            foreach (var workspaceEvent in events)
            {
                foreach (var subscription in subscriptions.Where(s => s.Matches(workspaceEvent.Type)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        SubscriptionId = subscription.Id,
                        EventId = workspaceEvent.Id,
                        EventType = workspaceEvent.Type,
                        Payload = EncryptedText.From(WebhookPayload.Build(workspaceEvent.Type, workspaceEvent.OccurredAt, workspaceEvent.Data.Value)),
                        CreatedAt = now,
                        NextAttemptAt = now,
                    });
                }

                workspaceEvent.FannedOutAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }
}
