using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// Requests exports and issues their download links, in the current workspace. The build itself happens in the
/// jobs role (<see cref="DataExportRunner"/>); the download redeems a link (<see cref="ExportDownloads"/>).
/// </summary>
public sealed class DataExports(PhonePlatformDbContext db, AuditLog audit, TimeProvider time, IOptions<DataExportOptions> options)
{
    /// <summary>
    /// Queues an export of <paramref name="scope"/> (for a member export, of <paramref name="subjectMembershipId"/>)
    /// requested by <paramref name="actor"/>'s user; audit-logged. Returns null when that user already has one of the
    /// same scope queued or running.
    /// </summary>
    public async Task<DataExport?> RequestAsync(AuditEvent actor, DataExportScope scope, Guid? subjectMembershipId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var userId = actor.ActorUserId ?? throw new InvalidOperationException("Exports are requested by a signed-in user.");
        var pending = await db.DataExports.AnyAsync(
            e => e.Scope == scope && e.RequestedByUserId == userId && (e.Status == DataExportStatus.Queued || e.Status == DataExportStatus.Running),
            cancellationToken);
        if (pending)
        {
            return null;
        }

        var export = new DataExport
        {
            Scope = scope,
            SubjectMembershipId = subjectMembershipId,
            RequestedByUserId = userId,
            RequestedAt = time.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DataExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(Target(actor, ExportAuditActions.Requested, export, $"scope={scope.ToString().ToLowerInvariant()}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return export;
    }

    /// <summary>
    /// A new single-use download link for a completed, unexpired export (replacing any unused earlier one);
    /// audit-logged. Null when the export is not downloadable (not built yet, failed or expired).
    /// </summary>
    public async Task<IssuedExportLink?> IssueLinkAsync(DataExport export, AuditEvent actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        if (export.Status != DataExportStatus.Completed || export.ExpiresAt is not { } expiresAt || expiresAt <= now)
        {
            return null;
        }

        var (token, hash) = OpaqueToken.ExportLink.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        export.LinkTokenHash = hash;
        export.LinkIssuedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(Target(actor, ExportAuditActions.LinkIssued, export, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedExportLink(token, expiresAt);
    }

    /// <summary>How long a finished export is kept.</summary>
    public TimeSpan Lifetime => options.Value.Lifetime;

    internal static AuditEvent Target(AuditEvent actor, string action, DataExport export, string? details) =>
        actor with { Action = action, TargetType = "export", TargetId = export.Id.ToString(), Details = details };
}

/// <summary>A download link's token (shown once) and until when the export can be downloaded.</summary>
public sealed record IssuedExportLink(string Token, DateTimeOffset ExpiresAt);
