namespace PhonePlatform.Core.Webhooks;

/// <summary>
/// An integrator's endpoint: the URL that receives the workspace's events of <see cref="EventTypes"/>, signed with its
/// secrets (<see cref="WebhookSecret"/>) per the Standard Webhooks specification.
/// </summary>
public sealed class WebhookSubscription : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Url { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Why the platform disabled the endpoint (e.g. it answered 410 Gone); null when enabled or disabled by a person.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Matches(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);
}
