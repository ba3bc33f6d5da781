namespace PhonePlatform.Core.Billing;

/// <summary>A Stripe event already applied; its id is the key, so a redelivered event is recognised and skipped.</summary>
public sealed class ProcessedStripeEvent
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public Guid? WorkspaceId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
