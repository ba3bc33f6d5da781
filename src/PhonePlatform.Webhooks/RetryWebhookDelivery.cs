using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks;

/// <summary>
/// Sends a delivery again now, whatever its state (a receiver that lost a message asks for it again). The same
/// <c>webhook-id</c> and body go out; a retry that fails after the retry window has closed is not retried again.
/// </summary>
public sealed class RetryWebhookDelivery(PhonePlatformDbContext db, TimeProvider time)
{
    public async Task<WebhookDelivery?> ExecuteAsync(Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId, cancellationToken);
        if (delivery is null)
        {
            return null;
        }

        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = time.GetUtcNow();
        delivery.LeaseUntil = null;
        delivery.CompletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return delivery;
    }
}
