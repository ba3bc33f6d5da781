using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases.Calls;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary><c>/v1/voicemails</c>, newest first; the same need-to-know as calls (<see cref="CallVisibility"/>).</summary>
public static class VoicemailEndpoints
{
    public static RouteGroupBuilder MapVoicemailEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var voicemails = v1.MapGroup("/voicemails").WithTags("Calls");
        voicemails.MapGet("/", ListAsync).RequirePermission(Permission.NumbersRead);
        voicemails.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.NumbersRead);
        voicemails.MapGet("/{id:guid}/audio", GetAudioAsync).RequirePermission(Permission.NumbersRead).Produces(StatusCodes.Status206PartialContent, contentType: AudioResults.ContentType);
        voicemails.MapPost("/{id:guid}/listened", MarkListenedAsync).RequirePermission(Permission.NumbersUse);
        voicemails.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.NumbersUse);
        return v1;
    }

    private static async Task<Results<Ok<Page<VoicemailResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, PhonePlatformDbContext db, string? cursor, int? limit, Guid? numberId, bool? listened, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var query = CallVisibility.Voicemails(db, caller);
        if (numberId is not null)
        {
            query = query.Where(v => v.PhoneNumberId == numberId);
        }

        if (listened is not null)
        {
            query = listened.Value ? query.Where(v => v.ListenedAt != null) : query.Where(v => v.ListenedAt == null);
        }

        var take = Cursor.Limit(limit);
        var rows = await query
            .Where(v => cursor == null || v.Id < after)
            .OrderByDescending(v => v.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows.Select(VoicemailResponse.From).ToList(), take, v => v.Id));
    }

    private static async Task<Results<Ok<VoicemailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await CallVisibility.Voicemails(db, caller).SingleOrDefaultAsync(v => v.Id == id, cancellationToken) is { } voicemail
            ? TypedResults.Ok(VoicemailResponse.From(voicemail))
            : Failure.NotFound("Voicemail").ToResult();

    private static async Task<IResult> GetAudioAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, EncryptedBlobStore blobs, CancellationToken cancellationToken) =>
        await CallVisibility.Voicemails(db, caller).SingleOrDefaultAsync(v => v.Id == id, cancellationToken) is { } voicemail
            ? await AudioResults.WavAsync(blobs, caller.WorkspaceId, voicemail.Id, voicemail.BlobName, voicemail.ReceivedAt, cancellationToken)
            : Failure.NotFound("Voicemail").ToResult();

    private static async Task<Results<Ok<VoicemailResponse>, ProblemHttpResult>> MarkListenedAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CallVisibility.Voicemails(db, caller, toChange: true).SingleOrDefaultAsync(v => v.Id == id, cancellationToken) is not { } voicemail)
        {
            return Failure.NotFound("Voicemail").ToResult();
        }

        voicemail.ListenedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(VoicemailResponse.From(voicemail));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Caller caller, DeleteVoicemail useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();
}
