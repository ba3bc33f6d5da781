using System.Linq.Expressions;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Accepts an outbound SMS: validates it, refuses opted-out parties, and writes the message and its outbox entry in
/// one transaction (one SaveChanges). The worker sends it later; nothing is sent here.
/// </summary>
public sealed class SendMessage(PhonePlatformDbContext db, EncryptedFieldProtector protector, SmsOutboxSignal outboxSignal, TimeProvider time)
{
    /// <summary>Longest accepted body, in UTF-16 units (well inside 255 UCS-2 segments).</summary>
    public const int MaxBodyLength = 10_000;

    public Task<SendOutcome> ExecuteAsync(Guid fromNumberId, string to, string body, CancellationToken cancellationToken) =>
        ExecuteAsync(n => n.Id == fromNumberId, to, body, mayUse: null, cancellationToken);

    /// <summary>
    /// Sends from the workspace number <paramref name="from"/> selects. <paramref name="mayUse"/>, when given, decides
    /// on the found number's id whether the caller may send from it (else <see cref="SendRefusal.Forbidden"/>); the
    /// number, the recipient's opt-out and the conversation are read in one query.
    /// </summary>
    public async Task<SendOutcome> ExecuteAsync(
        Expression<Func<PhoneNumber, bool>> from, string to, string body, Func<Guid, CancellationToken, Task<bool>>? mayUse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(body);
        if (!E164.TryNormalize(to, out var destination))
        {
            return SendOutcome.Refused(SendRefusal.InvalidDestination, "'to' must be a valid E.164 number.");
        }

        if (body.Length is 0 or > MaxBodyLength)
        {
            return SendOutcome.Refused(SendRefusal.InvalidBody, $"'body' must have 1 to {MaxBodyLength} characters.");
        }

        var plan = SmsEncoder.Plan(body);
        if (await Conversations.FindForSendAsync(db, protector, from, destination, cancellationToken) is not { } context)
        {
            return SendOutcome.Refused(SendRefusal.UnknownNumber, "The sending number is not a number of this workspace.");
        }

        if (mayUse is not null && !await mayUse(context.NumberId, cancellationToken))
        {
            return SendOutcome.Refused(SendRefusal.Forbidden, "You may not send messages from this number.");
        }

        if (context.OptedOut)
        {
            return SendOutcome.Refused(SendRefusal.OptedOut, "The recipient opted out of messages from this number (STOP); they can opt back in with START.");
        }

        var now = time.GetUtcNow();
        var conversation = context.Conversation ?? Conversations.Add(db, context.NumberId, destination, now);
        conversation.LastMessageAt = now;
        var message = Conversations.Enqueue(db, conversation, body, plan.Segments, now);

        await db.SaveChangesAsync(cancellationToken);
        outboxSignal.Notify();
        return new SendOutcome(new AcceptedMessage(message.Id, conversation.Id, plan.Segments, plan.Encoding.ToString()), SendRefusal.None, null);
    }
}
