using System.Linq.Expressions;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;
using PhonePlatform.Sms;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// <c>POST /v1/messages</c>: selects the sending number (id or E.164) and hands the message to
/// <see cref="SendMessage"/>, which reads the number, the recipient's opt-out and the conversation in one query, asks
/// <see cref="NumberScope.MayUseAsync"/> whether the caller may use the number (free for callers that see every
/// number), and writes the message + outbox row in one transaction.
/// </summary>
public sealed class SendSms(PhonePlatformDbContext db, SendMessage sendMessage)
{
    public static Failure OptedOut(string detail) => new(StatusCodes.Status422UnprocessableEntity, "recipient-opted-out", "Recipient opted out", detail);

    public async Task<Outcome<SendMessageResponse>> ExecuteAsync(Caller caller, SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!E164.TryNormalize(request.To, out _))
        {
            return Failure.Validation("to", "Give the recipient in E.164 form, e.g. +14155550123.");
        }

        if (request.Body.Length is 0 or > SendMessage.MaxBodyLength)
        {
            return Failure.Validation("body", $"The body must have 1 to {SendMessage.MaxBodyLength} characters.");
        }

        if (SelectNumber(request.From) is not { } from)
        {
            return Failure.NotFound("Number");
        }

        var outcome = await sendMessage.ExecuteAsync(
            from, request.To, request.Body, (numberId, ct) => NumberScope.MayUseAsync(db, caller, numberId, ct), cancellationToken);
        return outcome.Refusal switch
        {
            SendRefusal.None => new SendMessageResponse(
                outcome.Accepted!.MessageId, outcome.Accepted.ConversationId, "queued", outcome.Accepted.Encoding.ToLowerInvariant(), outcome.Accepted.Segments),
            SendRefusal.OptedOut => OptedOut(outcome.Detail!),
            SendRefusal.UnknownNumber => Failure.NotFound("Number"),
            SendRefusal.Forbidden => Failure.Forbidden("You may not send messages from this number; ask an admin for use access to it."),
            SendRefusal.InvalidDestination => Failure.Validation("to", outcome.Detail!),
            _ => Failure.Validation("body", outcome.Detail!),
        };
    }

    /// <summary>The sending number by id or E.164; it is looked up with the rest of the send in one query.</summary>
    private static Expression<Func<PhoneNumber, bool>>? SelectNumber(string from)
    {
        if (Guid.TryParse(from, out var id))
        {
            return n => n.Id == id;
        }

        return E164.TryNormalize(from, out var e164) ? n => n.E164 == e164 : null;
    }
}
