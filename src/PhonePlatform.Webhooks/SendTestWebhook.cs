using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks;

/// <summary>Queues a <c>webhook.test</c> message to one subscription, delivered (and retried) like any other.</summary>
public sealed class SendTestWebhook(PhonePlatformDbContext db, TimeProvider time)
{
    private sealed record TestData(Guid SubscriptionId, string Message);

    /// <summary>The queued delivery, or null when the subscription does not exist in this workspace.</summary>
    public async Task<WebhookDelivery?> ExecuteAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var data = JsonSerializer.Serialize(new TestData(subscriptionId, "This is a test message from PhonePlatform."), EventJson.Options);
        var delivery = new WebhookDelivery
        {
            SubscriptionId = subscriptionId,
            EventType = WebhookEventTypes.Test,
            Payload = EncryptedText.From(WebhookPayload.Build(WebhookEventTypes.Test, now, data)),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return delivery;
    }
}
