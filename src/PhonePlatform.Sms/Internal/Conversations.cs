using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Protection;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Sms.Internal;

/// <summary>Finds conversations and opt-outs by participant through the blind index (never by plaintext).</summary>
internal static class Conversations
{
    public static async Task<Conversation> FindOrAddAsync(
        PhonePlatformDbContext db, EncryptedFieldProtector protector, Guid phoneNumberId, string participant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(db, protector, participant, cancellationToken);
        var conversation = await db.Set<Conversation>()
            .FirstOrDefaultAsync(c => c.PhoneNumberId == phoneNumberId && c.ParticipantIndex == index, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation { PhoneNumberId = phoneNumberId, Participant = EncryptedText.From(participant), CreatedAt = now };
            db.Add(conversation);
        }

        conversation.LastMessageAt = now;
        return conversation;
    }

    public static async Task<SmsOptOut?> FindOptOutAsync(
        PhonePlatformDbContext db, EncryptedFieldProtector protector, Guid phoneNumberId, string participant, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(db, protector, participant, cancellationToken);
        return await db.Set<SmsOptOut>()
            .FirstOrDefaultAsync(o => o.PhoneNumberId == phoneNumberId && o.ParticipantIndex == index, cancellationToken);
    }

    /// <summary>Adds a queued outbound message and its outbox entry; both are written by the caller's one SaveChanges.</summary>
    public static Message Enqueue(PhonePlatformDbContext db, Conversation conversation, string body, int segments, DateTimeOffset now)
    {
        var message = new Message
        {
            ConversationId = conversation.Id,
            Direction = MessageDirection.Outbound,
            Body = EncryptedText.From(body),
            Segments = segments,
            Status = MessageStatus.Queued,
            CreatedAt = now,
        };
        db.Add(message);
        db.Add(new SmsOutboxEntry { MessageId = message.Id, NextAttemptAt = now });
        return message;
    }

    private static ValueTask<byte[]> IndexAsync(PhonePlatformDbContext db, EncryptedFieldProtector protector, string participant, CancellationToken cancellationToken) =>
        protector.IndexAsync(
            db.CurrentWorkspaceId ?? throw new InvalidOperationException("No current workspace."),
            BlindIndexKind.PhoneNumber, participant, cancellationToken);
}
