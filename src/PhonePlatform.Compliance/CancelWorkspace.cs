using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>
/// Cancels the current workspace: it becomes read-only and is purged after
/// <see cref="ComplianceOptions.CancellationRetention"/>, or at once with <c>deleteNow</c>. Audit-logged.
/// Cancelling again keeps the first request's date but may bring the purge forward (never push it back).
/// </summary>
public sealed class CancelWorkspace(
    PhonePlatformDbContext db,
    AuditLog audit,
    WorkspacePurge purge,
    IOptions<ComplianceOptions> options,
    TimeProvider time)
{
    public async Task<CancellationOutcome> ExecuteAsync(AuditEvent actor, bool deleteNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var workspaceId = db.CurrentWorkspaceId ?? throw new TenantViolationException("Cancellation needs a workspace.");
        var now = time.GetUtcNow();
        var cancellation = await db.Set<WorkspaceCancellation>().SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId, cancellationToken);
        if (cancellation is null)
        {
            cancellation = new WorkspaceCancellation
            {
                WorkspaceId = workspaceId,
                RequestedAt = now,
                RequestedByUserId = actor.ActorUserId,
                PurgeAfter = now + options.Value.CancellationRetention,
            };
            db.Add(cancellation);
        }

        if (deleteNow && cancellation.PurgeAfter > now)
        {
            cancellation.PurgeAfter = now;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(
                actor with
                {
                    Action = deleteNow ? ComplianceAuditActions.WorkspaceDeleteNow : ComplianceAuditActions.WorkspaceCancelled,
                    TargetType = "workspace",
                    TargetId = workspaceId.ToString(),
                    Details = $"purgeAfter={cancellation.PurgeAfter:O}",
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        DeletionCertificate? certificate = null;
        if (deleteNow)
        {
            certificate = await purge.ExecuteAsync(workspaceId, cancellationToken);
        }

        return new CancellationOutcome(workspaceId, cancellation.RequestedAt, cancellation.PurgeAfter, certificate);
    }
}

/// <summary>The state after a cancellation request; <see cref="Certificate"/> is set when the purge already ran.</summary>
public sealed record CancellationOutcome(Guid WorkspaceId, DateTimeOffset RequestedAt, DateTimeOffset PurgeAfter, DeletionCertificate? Certificate);
