using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Numbers;
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
        conversation ??= Add(db, phoneNumberId, participant, now);

        conversation.LastMessageAt = now;
        return conversation;
    }

    /// <summary>
    /// What accepting an outbound message needs to know, in one round trip: whether the sending number is the
    /// workspace's, whether the recipient opted out of it, and the conversation with them (tracked; null when new).
    /// </summary>
    public static async Task<SendContext?> FindForSendAsync(
        PhonePlatformDbContext db, EncryptedFieldProtector protector, Expression<Func<PhoneNumber, bool>> number, string participant, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(db, protector, participant, cancellationToken);
        return await db.PhoneNumbers
            .Where(number)
            .Select(n => new SendContext(
                n.Id,
                db.Set<SmsOptOut>().Any(o => o.PhoneNumberId == n.Id && o.ParticipantIndex == index),
                db.Set<Conversation>().FirstOrDefault(c => c.PhoneNumberId == n.Id && c.ParticipantIndex == index)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<SmsOptOut?> FindOptOutAsync(
        PhonePlatformDbContext db, EncryptedFieldProtector protector, Guid phoneNumberId, string participant, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(db, protector, participant, cancellationToken);
        return await db.Set<SmsOptOut>()
            .FirstOrDefaultAsync(o => o.PhoneNumberId == phoneNumberId && o.ParticipantIndex == index, cancellationToken);
    }

    /// <summary>Starts a conversation with a participant (written by the caller's SaveChanges).</summary>
    public static Conversation Add(PhonePlatformDbContext db, Guid phoneNumberId, string participant, DateTimeOffset now)
    {
        var conversation = new Conversation { PhoneNumberId = phoneNumberId, Participant = EncryptedText.From(participant), CreatedAt = now };
        db.Add(conversation);
        return conversation;
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

/// <summary>The sending number's side of an outbound message: opt-out and existing conversation.</summary>
internal sealed record SendContext(Guid NumberId, bool OptedOut, Conversation? Conversation);
