using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data;

/// <summary>What happened, by whom, to what: the caller's part of an audit entry.</summary>
public sealed record AuditEvent(
    string Action,
    Guid? ActorUserId,
    Guid? ActorApiKeyId,
    string? ActorIp,
    string? TargetType = null,
    string? TargetId = null,
    string? Details = null);

/// <summary>
/// Appends to the current workspace's hash chain. The append holds a transaction-scoped advisory lock on the
/// workspace, so concurrent appends queue instead of forking; it joins the caller's transaction when there is one,
/// so the audited change and its entry commit together.
/// </summary>
public sealed class AuditLog(PhonePlatformDbContext db, TimeProvider time)
{
    public async Task<AuditEntry> AppendAsync(AuditEvent what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(what);
        var workspaceId = db.CurrentWorkspaceId ?? throw new TenantViolationException("Audit entries need a workspace.");
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        await using (ownTransaction)
        {
            var lockKey = BitConverter.ToInt64(workspaceId.ToByteArray(), 8);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);

            var head = await db.Workspaces.AsNoTracking()
                .Where(w => w.Id == workspaceId)
                .Select(w => new { w.AuditHeadSequence, w.AuditHeadHash })
                .SingleAsync(cancellationToken);

            var entry = new AuditEntry
            {
                WorkspaceId = workspaceId,
                Sequence = head.AuditHeadSequence + 1,
                OccurredAt = AuditChain.Normalize(time.GetUtcNow()),
                Action = what.Action,
                ActorUserId = what.ActorUserId,
                ActorApiKeyId = what.ActorApiKeyId,
                ActorIp = what.ActorIp,
                TargetType = what.TargetType,
                TargetId = what.TargetId,
                Details = what.Details,
                PreviousHash = head.AuditHeadHash,
                Hash = "",
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await db.Workspaces
                .Where(w => w.Id == workspaceId)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(w => w.AuditHeadSequence, entry.Sequence).SetProperty(w => w.AuditHeadHash, entry.Hash),
                    cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return entry;
        }
    }
}
