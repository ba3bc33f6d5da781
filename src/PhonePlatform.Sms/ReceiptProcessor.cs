using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Data;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Applies a delivery receipt to the message whose first segment that carrier accepted under that id, and writes the
/// <c>message.delivered</c> or <c>message.failed</c> event in the same SaveChanges. Receipts carry no workspace: the
/// message is found (and row-locked, so duplicate receipts settle it once) by carrier and id before entering its
/// workspace.
/// </summary>
public sealed class ReceiptProcessor(PhonePlatformDbContext db, TimeProvider time)
{
    /// <summary>
    /// Returns false when no message has the receipt's id yet (the receipt can overtake the worker's own write of the
    /// id; the caller retries it shortly); true when applied, already settled, or not final.
    /// </summary>
    public async Task<bool> ApplyAsync(CarrierReceipt carrierReceipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carrierReceipt);
        var receipt = carrierReceipt.Receipt;
        if (!receipt.IsFinal)
        {
            return true;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await db.Database.SqlQuery<MessageKey>($"""
            SELECT "Id", "WorkspaceId", "Status" FROM "Messages"
            WHERE "CarrierMessageId" = {receipt.MessageId} AND "Carrier" = {carrierReceipt.Carrier}
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (key.Count == 0)
        {
            return false;
        }

        if (key[0].Status is not (nameof(MessageStatus.Queued) or nameof(MessageStatus.Sent)))
        {
            return true;
        }

        db.UseWorkspace(key[0].WorkspaceId);
        var message = await db.Set<Message>().FirstAsync(m => m.Id == key[0].Id, cancellationToken);
        var conversation = await db.Set<Conversation>().FirstAsync(c => c.Id == message.ConversationId, cancellationToken);
        var number = await db.PhoneNumbers.Where(n => n.Id == conversation.PhoneNumberId).Select(n => n.E164).FirstAsync(cancellationToken);
        var now = time.GetUtcNow();
        string type;
        if (receipt.State == MessageState.Delivered)
        {
            message.Status = MessageStatus.Delivered;
            message.DeliveredAt = now;
            type = WorkspaceEventTypes.MessageDelivered;
        }
        else
        {
            message.Status = MessageStatus.Failed;
            message.FailedAt = now;
            message.FailureReason = $"{receipt.State} err:{receipt.ErrorCode ?? "000"}";
            type = WorkspaceEventTypes.MessageFailed;
        }

        db.Add(MessageEvents.Create(type, message, conversation, number, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class MessageKey
    {
        public Guid Id { get; init; }

        public Guid WorkspaceId { get; init; }

        public string Status { get; init; } = string.Empty;
    }
}
