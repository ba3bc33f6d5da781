using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Api.Auth;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

public static class AuditLogEndpoints
{
    public static RouteGroupBuilder MapAuditLogEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var audit = v1.MapGroup("/audit-log").WithTags("Audit log");
        audit.MapGet("/", ListAsync).RequirePermission(Permission.AuditRead);
        audit.MapGet("/verify", VerifyAsync).RequirePermission(Permission.AuditRead);
        return v1;
    }

    /// <summary>Newest first; filter by action, actor and time range. The cursor is the last sequence seen.</summary>
    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        PhonePlatformDbContext db,
        string? action,
        Guid? actorUserId,
        DateTimeOffset? since,
        DateTimeOffset? until,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        long before = long.MaxValue;
        if (cursor is not null && !Cursor.TryDecode(cursor, out before))
        {
            return Failure.Validation("cursor", "The cursor is not valid; pass back nextCursor unchanged.").ToResult();
        }

        var take = Cursor.Limit(limit);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Sequence < before);
        if (action is not null)
        {
            query = query.Where(a => a.Action == action);
        }

        if (actorUserId is not null)
        {
            query = query.Where(a => a.ActorUserId == actorUserId);
        }

        // Entries are stored to the microsecond; compare at that precision.
        if (since is { } from)
        {
            var start = AuditChain.Normalize(from);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (until is { } to)
        {
            var end = AuditChain.Normalize(to);
            query = query.Where(a => a.OccurredAt < end);
        }

        var rows = await query.OrderByDescending(a => a.Sequence).Take(take + 1)
            .Select(a => new AuditEntryResponse(
                a.Id, a.Sequence, a.OccurredAt, a.Action, a.ActorUserId, a.ActorApiKeyId, a.ActorIp, a.TargetType, a.TargetId, a.Details, a.Hash))
            .ToListAsync(cancellationToken);
        var more = rows.Count > take;
        var items = more ? rows[..take] : rows;
        return TypedResults.Ok(new Page<AuditEntryResponse>(items, more ? Cursor.Encode(items[^1].Sequence) : null));
    }

    private static async Task<Ok<AuditVerifyResponse>> VerifyAsync(AuditChainVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        return TypedResults.Ok(new AuditVerifyResponse(result.Intact, result.EntriesChecked, result.BrokenAtSequence, result.BrokenEntryId, result.Reason));
    }
}
