using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Webhooks;

/// <summary>The log of one HTTP attempt of a delivery: what the endpoint answered, how long it took, or why it failed.</summary>
public sealed class WebhookAttempt : ITenantScoped
{
    /// <summary>Characters of the response body kept in <see cref="ResponseExcerpt"/>.</summary>
    public const int ExcerptLength = 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid DeliveryId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }

    /// <summary>Transport failure or refusal (timeout, refused destination…); null when the endpoint answered.</summary>
    public string? Error { get; set; }

    /// <summary>The start of the response body (the receiver's data, so encrypted at rest).</summary>
    public EncryptedText? ResponseExcerpt { get; set; }
}
