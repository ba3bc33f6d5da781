using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Data;

namespace PhonePlatform.Sms.Internal;

/// <summary>A claimed entry with what sending it needs; <see cref="Message"/> is null when the message is gone.</summary>
internal sealed record OutboxItem(ClaimedEntry Claim, SmsOutboxEntry Outbox, Message? Message, Conversation? Conversation, string? From);

/// <summary>
/// Loads the rows behind one workspace's claimed entries with one query per table (not per message). Entries whose
/// message is no longer queued are removed here, in the batch's SaveChanges.
/// </summary>
internal sealed class OutboxBatch
{
    private OutboxBatch(List<OutboxItem> items) => Items = items;

    public List<OutboxItem> Items { get; }

    public static async Task<OutboxBatch> LoadAsync(PhonePlatformDbContext db, List<ClaimedEntry> claimed, CancellationToken cancellationToken)
    {
        var entryIds = claimed.Select(c => c.Id).ToList();
        var messageIds = claimed.Select(c => c.MessageId).ToList();
        var outbox = await db.Set<SmsOutboxEntry>().Where(o => entryIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var messages = await db.Set<Message>().Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var conversationIds = messages.Values.Select(m => m.ConversationId).Distinct().ToList();
        var conversations = await db.Set<Conversation>().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var numberIds = conversations.Values.Select(c => c.PhoneNumberId).Distinct().ToList();
        var numbers = await db.PhoneNumbers.Where(n => numberIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.E164, cancellationToken);

        var items = new List<OutboxItem>(claimed.Count);
        foreach (var claim in claimed)
        {
            if (!outbox.TryGetValue(claim.Id, out var entry))
            {
                continue;
            }

            if (!messages.TryGetValue(claim.MessageId, out var message) || message.Status != MessageStatus.Queued)
            {
                db.Remove(entry);
                continue;
            }

            var conversation = conversations[message.ConversationId];
            items.Add(new OutboxItem(claim, entry, message, conversation, numbers[conversation.PhoneNumberId]));
        }

        return new OutboxBatch(items);
    }
}
