using Npgsql;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Protection;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>The stored result of one inbound message.</summary>
public sealed record ReceivedMessage(Guid WorkspaceId, Guid ConversationId, Guid MessageId, KeywordIntent Intent);

/// <summary>
/// Stores a mobile-originated message in its conversation (found through the participant's blind index) and applies
/// STOP/START/HELP, with its <c>message.received</c> event in the same SaveChanges: an opt-out is recorded and confirmed once, START removes it, HELP is answered.
/// </summary>
public sealed class InboundProcessor(NpgsqlDataSource dataSource, PhonePlatformDbContext db, EncryptedFieldProtector protector, SmsOptions options, TimeProvider time)
{
    /// <summary>Null when the destination is not a number of any workspace.</summary>
    public async Task<ReceivedMessage?> ProcessAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var destination = "+" + inbound.Destination.Address.TrimStart('+');
        var participant = "+" + inbound.Source.Address.TrimStart('+');
        if (await FindNumberAsync(destination, cancellationToken) is not var (numberId, workspaceId))
        {
            return null;
        }

        db.UseWorkspace(workspaceId);
        var now = time.GetUtcNow();
        var conversation = await Conversations.FindOrAddAsync(db, protector, numberId, participant, now, cancellationToken);
        var message = new Message
        {
            ConversationId = conversation.Id,
            Direction = MessageDirection.Inbound,
            Body = EncryptedText.From(inbound.Text),
            Segments = inbound.Concatenation?.Total ?? 1,
            Status = MessageStatus.Received,
            CreatedAt = now,
        };
        db.Add(message);
        db.Add(MessageEvents.Create(WorkspaceEventTypes.MessageReceived, message, conversation, destination, now));

        var intent = OptOutKeywords.Classify(inbound.Text);
        var optOut = intent is KeywordIntent.OptOut or KeywordIntent.OptIn
            ? await Conversations.FindOptOutAsync(db, protector, numberId, participant, cancellationToken)
            : null;
        switch (intent)
        {
            case KeywordIntent.OptOut when optOut is null:
                db.Add(new SmsOptOut { PhoneNumberId = numberId, Participant = EncryptedText.From(participant), CreatedAt = now });
                Reply(conversation, options.StopConfirmation, now);
                break;
            case KeywordIntent.OptIn when optOut is not null:
                db.Remove(optOut);
                Reply(conversation, options.StartConfirmation, now);
                break;
            case KeywordIntent.Help:
                Reply(conversation, options.HelpText, now);
                break;
            default:
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ReceivedMessage(workspaceId, conversation.Id, message.Id, intent);
    }

    private void Reply(Conversation conversation, string text, DateTimeOffset now) =>
        Conversations.Enqueue(db, conversation, text, SmsEncoder.Plan(text).Segments, now);

    // Numbers are not protected (they are the workspace's own, public by nature); an inbound message names no
    // workspace, so this lookup is the one place the destination picks the tenant.
    private async Task<(Guid NumberId, Guid WorkspaceId)?> FindNumberAsync(string e164, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT "Id", "WorkspaceId" FROM "PhoneNumbers" WHERE "E164" = @n""");
        command.Parameters.AddWithValue("n", e164);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }
}
