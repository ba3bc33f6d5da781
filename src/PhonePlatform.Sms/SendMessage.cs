using Microsoft.EntityFrameworkCore;
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
public sealed class SendMessage(PhonePlatformDbContext db, EncryptedFieldProtector protector, TimeProvider time)
{
    /// <summary>Longest accepted body, in UTF-16 units (well inside 255 UCS-2 segments).</summary>
    public const int MaxBodyLength = 10_000;

    public async Task<SendOutcome> ExecuteAsync(Guid fromNumberId, string to, string body, CancellationToken cancellationToken)
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
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == fromNumberId, cancellationToken))
        {
            return SendOutcome.Refused(SendRefusal.UnknownNumber, "The sending number is not a number of this workspace.");
        }

        if (await Conversations.FindOptOutAsync(db, protector, fromNumberId, destination, cancellationToken) is not null)
        {
            return SendOutcome.Refused(SendRefusal.OptedOut, "The recipient opted out of messages from this number (STOP); they can opt back in with START.");
        }

        var now = time.GetUtcNow();
        var conversation = await Conversations.FindOrAddAsync(db, protector, fromNumberId, destination, now, cancellationToken);
        var message = Conversations.Enqueue(db, conversation, body, plan.Segments, now);
        await db.SaveChangesAsync(cancellationToken);
        return new SendOutcome(new AcceptedMessage(message.Id, conversation.Id, plan.Segments, plan.Encoding.ToString()), SendRefusal.None, null);
    }
}
