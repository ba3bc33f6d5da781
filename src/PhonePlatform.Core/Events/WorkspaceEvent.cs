using System.Text.Json;
using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Events;

/// <summary>
/// Something that happened in a workspace (<c>message.received</c>, <c>call.completed</c>, <c>contact.created</c>…),
/// written in the same transaction as the change it reports (transactional outbox), so it is never lost and never
/// reported for a change that rolled back. The webhook dispatcher fans events out to subscriptions; live sessions
/// (server-sent events) tail them by <see cref="Sequence"/>.
/// </summary>
public sealed class WorkspaceEvent : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }

    /// <summary>Assigned by the database on insert; increases with commit order within one writer, never reused.</summary>
    public long Sequence { get; set; }

    /// <summary>Dotted event type, e.g. <c>message.received</c>; the names are listed in <see cref="WorkspaceEventTypes"/>.</summary>
    public required string Type { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The event's <c>data</c> object as JSON; encrypted at rest because it names people and numbers.</summary>
    public required EncryptedText Data { get; set; }

    /// <summary>Set by the webhook dispatcher once a delivery exists for every matching subscription.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }

    public static WorkspaceEvent Create<T>(Guid workspaceId, string type, T data, DateTimeOffset occurredAt) => new()
    {
        WorkspaceId = workspaceId,
        Type = type,
        OccurredAt = occurredAt,
        Data = EncryptedText.From(JsonSerializer.Serialize(data, EventJson.Options)),
    };
}
