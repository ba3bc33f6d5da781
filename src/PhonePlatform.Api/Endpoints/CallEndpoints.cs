using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases.Calls;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/calls</c> (call records, newest first) and <c>/v1/recordings</c>. Read with <c>numbers:read</c> within
/// need-to-know (<see cref="CallVisibility"/>); deleting, and starting/stopping the recording of a live call (<c>/v1/calls/{id}/recording</c>), need <c>numbers:use</c> and a use grant.
/// </summary>
public static class CallEndpoints
{
    public static RouteGroupBuilder MapCallEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var calls = v1.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("/", ListAsync).RequirePermission(Permission.NumbersRead);
        calls.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.NumbersRead);
        calls.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.NumbersUse);
        calls.MapPost("/{id:guid}/recording", StartRecordingAsync).RequirePermission(Permission.NumbersUse);
        calls.MapDelete("/{id:guid}/recording", StopRecordingAsync).RequirePermission(Permission.NumbersUse);

        var recordings = v1.MapGroup("/recordings").WithTags("Calls");
        recordings.MapGet("/{id:guid}", GetRecordingAsync).RequirePermission(Permission.NumbersRead);
        recordings.MapGet("/{id:guid}/audio", GetRecordingAudioAsync).RequirePermission(Permission.NumbersRead).Produces(StatusCodes.Status206PartialContent, contentType: AudioResults.ContentType);
        return v1;
    }

    private static async Task<Results<Ok<Page<CallResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, PhonePlatformDbContext db, EncryptedFieldProtector protector, string? cursor, int? limit,
        string? number, Guid? numberId, string? direction, DateTimeOffset? from, DateTimeOffset? to, bool? missed,
        CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var query = CallVisibility.Calls(db, caller);
        if (number is not null)
        {
            if (!Core.Numbers.E164.TryNormalize(number, out var e164))
            {
                return Failure.Validation("number", "Give the other party's number in E.164 form, e.g. +14155550100.").ToResult();
            }

            var index = await protector.IndexAsync(caller.WorkspaceId, BlindIndexKind.PhoneNumber, e164, cancellationToken);
            query = query.Where(c => c.RemoteNumberIndex == index);
        }

        if (numberId is not null)
        {
            query = query.Where(c => c.PhoneNumberId == numberId);
        }

        if (direction is not null)
        {
            if (!Enum.TryParse<CallDirection>(direction, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Failure.Validation("direction", "Use 'inbound' or 'outbound'.").ToResult();
            }

            query = query.Where(c => c.Direction == parsed);
        }

        if (from is not null && to is not null && from >= to)
        {
            return Failure.Validation("to", "'to' must be after 'from'.").ToResult();
        }

        if (from is not null)
        {
            query = query.Where(c => c.StartedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(c => c.StartedAt < to);
        }

        if (missed is not null)
        {
            // CallRecord.Missed, as SQL.
            query = missed.Value
                ? query.Where(c => c.Direction == CallDirection.Inbound && c.EndedAt != null && c.AnsweredByMembershipId == null)
                : query.Where(c => !(c.Direction == CallDirection.Inbound && c.EndedAt != null && c.AnsweredByMembershipId == null));
        }

        var take = Cursor.Limit(limit);
        var rows = await query
            .Where(c => cursor == null || c.Id < after)
            .OrderByDescending(c => c.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows.Select(CallResponse.From).ToList(), take, c => c.Id));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await CallVisibility.Calls(db, caller).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } call
            ? TypedResults.Ok(CallResponse.From(call))
            : Failure.NotFound("Call").ToResult();

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Caller caller, DeleteCall useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> StartRecordingAsync(
        Guid id, Caller caller, LiveCallRecording useCase, CancellationToken cancellationToken) =>
        (await useCase.StartAsync(caller, id, cancellationToken)).ToNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> StopRecordingAsync(
        Guid id, Caller caller, LiveCallRecording useCase, CancellationToken cancellationToken) =>
        (await useCase.StopAsync(caller, id, cancellationToken)).ToNoContent();

    private static async Task<Results<Ok<RecordingResponse>, ProblemHttpResult>> GetRecordingAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await CallVisibility.Recordings(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } recording
            ? TypedResults.Ok(RecordingResponse.From(recording))
            : Failure.NotFound("Recording").ToResult();

    private static async Task<IResult> GetRecordingAudioAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, EncryptedBlobStore blobs, CancellationToken cancellationToken) =>
        await CallVisibility.Recordings(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } recording
            ? await AudioResults.WavAsync(blobs, caller.WorkspaceId, recording.Id, recording.BlobName, recording.CreatedAt, cancellationToken)
            : Failure.NotFound("Recording").ToResult();
}
