using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using PhonePlatform.Smpp;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/messages</c>: send an SMS from a workspace number (202: queued in the outbox, sent by the SMS worker), preview
/// its encoding and segments, and read one message's delivery status.
/// </summary>
public static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessageEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var messages = v1.MapGroup("/messages").WithTags("Messages");
        messages.MapPost("/", SendAsync).RequirePermission(Permission.NumbersUse);
        messages.MapPost("/preview", Preview).RequirePermission(Permission.NumbersRead);
        messages.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.NumbersRead);
        return v1;
    }

    private static async Task<Results<Accepted<SendMessageResponse>, ProblemHttpResult>> SendAsync(
        SendMessageRequest request, Caller caller, SendSms useCase, CancellationToken cancellationToken)
    {
        var outcome = await useCase.ExecuteAsync(caller, request, cancellationToken);
        return outcome.Failure is null
            ? TypedResults.Accepted($"/v1/messages/{outcome.Value!.Id}", outcome.Value)
            : outcome.Failure.ToResult();
    }

    private static Ok<MessagePreviewResponse> Preview(MessagePreviewRequest request)
    {
        var plan = SmsEncoder.Plan(request.Body);
        var gsm = plan.Encoding == SmsEncoding.Gsm7;
        var perSegment = (gsm, plan.Segments > 1) switch
        {
            (true, false) => 160,
            (true, true) => 153,
            (false, false) => 70,
            (false, true) => 67,
        };
        return TypedResults.Ok(new MessagePreviewResponse(gsm ? "gsm7" : "ucs2", plan.Segments, plan.Length, perSegment, plan.RemainingInLastSegment));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        var message = await db.Set<Message>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return Failure.NotFound("Message").ToResult();
        }

        var conversation = await Conversations.VisibleAsync(db, caller, message.ConversationId, cancellationToken);
        return conversation is null
            ? Failure.NotFound("Message").ToResult()
            : TypedResults.Ok(MessageViews.From(message, conversation.Value.Conversation, conversation.Value.NumberE164));
    }
}
