using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One message to one subscription: the exact body sent on every attempt (so the <c>webhook-id</c> and payload never
/// change between retries), its retry state and a lease that lets several workers share the queue.
/// </summary>
public sealed class WebhookDelivery : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid SubscriptionId { get; set; }

    /// <summary>The workspace event delivered; null for a <c>webhook.test</c> message.</summary>
    public Guid? EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The JSON body <c>{type, timestamp, data}</c>; encrypted because the data names people and numbers.</summary>
    public required EncryptedText Payload { get; set; }

    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same on every retry of this message.</summary>
    public string MessageId => "msg_" + Id.ToString("N");
}
