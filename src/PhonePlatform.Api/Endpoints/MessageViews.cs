using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>Messages as the API shows them.</summary>
internal static class MessageViews
{
    public static MessageResponse From(Message message, Conversation conversation, string numberE164)
    {
        var inbound = message.Direction == MessageDirection.Inbound;
        var participant = conversation.Participant.Value;
        return new MessageResponse(
            message.Id,
            message.ConversationId,
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
            message.FailureReason,
            message.ReadAt);
    }
}

/// <summary>Conversations the caller may see: those of the numbers in <see cref="NumberScope.Visible"/>.</summary>
internal static class Conversations
{
    public static IQueryable<Conversation> Visible(PhonePlatformDbContext db, Caller caller)
    {
        var numbers = NumberScope.Visible(db, caller).Select(n => n.Id);
        return db.Set<Conversation>().Where(c => numbers.Contains(c.PhoneNumberId));
    }

    public static async Task<(Conversation Conversation, string NumberE164)?> VisibleAsync(
        PhonePlatformDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var conversation = await Visible(db, caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var number = await db.PhoneNumbers.Where(n => n.Id == conversation.PhoneNumberId).Select(n => n.E164).FirstAsync(cancellationToken);
        return (conversation, number);
    }
}
