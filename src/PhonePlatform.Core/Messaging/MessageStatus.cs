namespace PhonePlatform.Core.Messaging;

/// <summary>Delivery state of a message: queued (in the outbox) → sent (SMSC accepted) → delivered or failed.</summary>
public enum MessageStatus
{
    Queued,
    Sent,
    Delivered,
    Failed,
    Received,
}
