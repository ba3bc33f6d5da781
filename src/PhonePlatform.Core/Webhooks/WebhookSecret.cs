using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Webhooks;

/// <summary>
/// A signing secret of a subscription. After a rotation the previous secret keeps signing until
/// <see cref="ExpiresAt"/>, so receivers can switch without dropping a message.
/// </summary>
public sealed class WebhookSecret : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid SubscriptionId { get; set; }

    /// <summary>The secret in its <c>whsec_</c> form; encrypted at rest like any credential of the workspace.</summary>
    public required EncryptedText Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null for the current secret; the end of the overlap for a rotated one.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsValidAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
