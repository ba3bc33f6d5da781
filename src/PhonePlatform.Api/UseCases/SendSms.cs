using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;
using PhonePlatform.Sms;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// <c>POST /v1/messages</c>: resolves the sending number (id or E.164), checks that the caller may use it, and hands
/// the message to <see cref="SendMessage"/> (message + outbox row in one transaction).
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

        if (await FindNumberAsync(request.From, cancellationToken) is not { } numberId)
        {
            return Failure.NotFound("Number");
        }

        if (!await NumberScope.MayUseAsync(db, caller, numberId, cancellationToken))
        {
            return Failure.Forbidden("You may not send messages from this number; ask an admin for use access to it.");
        }

        var outcome = await sendMessage.ExecuteAsync(numberId, request.To, request.Body, cancellationToken);
        return outcome.Refusal switch
        {
            SendRefusal.None => new SendMessageResponse(
                outcome.Accepted!.MessageId, outcome.Accepted.ConversationId, "queued", outcome.Accepted.Encoding.ToLowerInvariant(), outcome.Accepted.Segments),
            SendRefusal.OptedOut => OptedOut(outcome.Detail!),
            SendRefusal.UnknownNumber => Failure.NotFound("Number"),
            SendRefusal.InvalidDestination => Failure.Validation("to", outcome.Detail!),
            _ => Failure.Validation("body", outcome.Detail!),
        };
    }

    private async Task<Guid?> FindNumberAsync(string from, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(from, out var id))
        {
            return await db.PhoneNumbers.Where(n => n.Id == id).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        }

        return E164.TryNormalize(from, out var e164)
            ? await db.PhoneNumbers.Where(n => n.E164 == e164).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
    }
}
