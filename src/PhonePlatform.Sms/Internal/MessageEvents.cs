using PhonePlatform.Core.Events;
using PhonePlatform.Core.Messaging;

namespace PhonePlatform.Sms.Internal;

/// <summary>The <c>data</c> of the <c>message.*</c> events (webhooks and live sessions).</summary>
internal sealed record MessageEventData(
    Guid MessageId,
    Guid ConversationId,
    Guid NumberId,
    string Direction,
    string From,
    string To,
    string Body,
    int Segments,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? FailedAt,
    string? FailureReason);

/// <summary>Builds the <c>message.received/sent/delivered/failed</c> rows the caller adds to the same SaveChanges as the change.</summary>
internal static class MessageEvents
{
    public static WorkspaceEvent Create(string type, Message message, Conversation conversation, string numberE164, DateTimeOffset occurredAt)
    {
        var participant = conversation.Participant.Value;
        var inbound = message.Direction == MessageDirection.Inbound;
        var data = new MessageEventData(
            message.Id,
            conversation.Id,
            conversation.PhoneNumberId,
            inbound ? "inbound" : "outbound",
            inbound ? participant : numberE164,
            inbound ? numberE164 : participant,
            message.Body.Value,
            message.Segments,
            message.Status.ToString().ToLowerInvariant(),
            message.CreatedAt,
            message.SentAt,
            message.DeliveredAt,
            message.FailedAt,
            message.FailureReason);
        return WorkspaceEvent.Create(message.WorkspaceId, type, data, occurredAt);
    }
}
