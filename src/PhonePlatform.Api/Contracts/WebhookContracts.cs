using PhonePlatform.Core.Webhooks;

namespace PhonePlatform.Api.Contracts;

public sealed record WebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null, bool Enabled = true);

public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookSubscription s) => new(s.Id, s.Url, s.EventTypes, s.Description, s.Enabled, s.DisabledReason, s.CreatedAt);
}

/// <summary>The subscription with its signing secret (<c>whsec_…</c>), shown this once.</summary>
public sealed record CreatedWebhookResponse(WebhookResponse Webhook, string Secret);

/// <summary>The new secret, shown this once; the previous one keeps signing until <paramref name="PreviousSecretExpiresAt"/>.</summary>
public sealed record RotatedWebhookSecretResponse(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record WebhookDeliveryResponse(
    Guid Id, string MessageId, string EventType, Guid? EventId, WebhookDeliveryStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Id, d.MessageId, d.EventType, d.EventId, d.Status, d.Attempts, d.CreatedAt,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt);
}

public sealed record WebhookAttemptResponse(Guid Id, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt)
{
    public static WebhookAttemptResponse From(WebhookAttempt a) => new(a.Id, a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error, a.ResponseExcerpt?.Value);
}
