using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>Reads and sets the current workspace's retention policy; every change is audit-logged with the new values.</summary>
public sealed class RetentionPolicies(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public const string ChangedAuditAction = "workspace.retention.changed";

    public async Task<RetentionPolicy> GetAsync(CancellationToken cancellationToken) =>
        await db.Set<RetentionPolicy>().AsNoTracking().SingleOrDefaultAsync(cancellationToken)
        ?? new RetentionPolicy { WorkspaceId = db.CurrentWorkspaceId ?? throw new TenantViolationException("Retention needs a workspace.") };

    public async Task<RetentionPolicy> SetAsync(AuditEvent actor, int? recordingsDays, int? voicemailDays, int? messagesMonths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var policy = await db.Set<RetentionPolicy>().SingleOrDefaultAsync(cancellationToken);
        if (policy is null)
        {
            policy = new RetentionPolicy();
            db.Add(policy);
        }

        (policy.RecordingsDays, policy.VoicemailDays, policy.MessagesMonths, policy.UpdatedAt) = (recordingsDays, voicemailDays, messagesMonths, time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            actor with
            {
                Action = ChangedAuditAction,
                TargetType = "workspace",
                TargetId = policy.WorkspaceId.ToString(),
                Details = $"recordingsDays={Show(recordingsDays)} voicemailDays={Show(voicemailDays)} messagesMonths={Show(messagesMonths)}",
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return policy;
    }

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "keep";
}
