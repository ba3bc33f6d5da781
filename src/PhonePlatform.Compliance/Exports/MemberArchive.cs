using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.Exports.Internal;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// Builds one member's personal-data export (GDPR Art. 15/20) within a workspace: their account and membership,
/// number grants, sessions, API keys they created, SIP registrations, the calls they took part in and the audit
/// entries of their own actions. Stored, like the workspace export, as an encrypted <see cref="BlobKind.Export"/> blob.
/// </summary>
public sealed class MemberArchive(IServiceScopeFactory scopes, IWorkspaceBlobs blobs)
{
    public const int Steps = 7;

    public Task<long> BuildAsync(Guid workspaceId, Guid membershipId, string blobName, IExportProgress progress, CancellationToken cancellationToken) =>
        ArchiveWriter.StoreAsync(blobs, workspaceId, blobName, zip => WriteEntriesAsync(workspaceId, membershipId, zip, progress, cancellationToken), cancellationToken);

    private async Task WriteEntriesAsync(Guid workspaceId, Guid membershipId, ZipArchive zip, IExportProgress progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var done = 0;
        async Task SectionAsync<T>(string name, T rows)
        {
            await progress.ReportAsync(Path.GetFileNameWithoutExtension(name), done, Steps, cancellationToken);
            await ArchiveWriter.WriteJsonAsync(zip, name, rows, cancellationToken);
            done++;
        }

        var membership = await db.Memberships.AsNoTracking().SingleAsync(m => m.Id == membershipId, cancellationToken);
        var userId = membership.UserId;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        await SectionAsync("profile.json", new
        {
            User = new { user.Id, user.Email, user.CreatedAt, user.TwoFactorEnabled },
            Membership = new { membership.Id, membership.WorkspaceId, Role = membership.Role.ToString(), membership.Billing, membership.CreatedAt },
        });
        await SectionAsync("number-access.json", ArchiveWriter.Rows(
            from a in db.NumberAccess.AsNoTracking()
            join n in db.PhoneNumbers.AsNoTracking() on a.PhoneNumberId equals n.Id
            where a.MembershipId == membershipId
            orderby a.Id
            select new { n.E164, a.PhoneNumberId, Level = a.Level.ToString(), a.CreatedAt }, cancellationToken));
        await SectionAsync("sessions.json", ArchiveWriter.Rows(
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.CreatedAt, s.ExpiresAt, s.RevokedAt }), cancellationToken));
        await SectionAsync("api-keys.json", ArchiveWriter.Rows(
            db.ApiKeys.AsNoTracking().Where(k => k.CreatedByUserId == userId).OrderBy(k => k.Id)
                .Select(k => new { k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, k.LastUsedAt }), cancellationToken));
        await SectionAsync("sip-registrations.json", ArchiveWriter.Rows(
            db.SipRegistrations.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.Id)
                .Select(r => new { r.AddressOfRecord, r.UserAgent, r.FlowTransport, r.FlowAddress, r.UpdatedAt, r.ExpiresAt }), cancellationToken));
        await SectionAsync("calls.json", ArchiveWriter.Map(
            db.CallRecords.AsNoTracking().Where(c => c.MembershipIds.Contains(membershipId)).OrderBy(c => c.StartedAt).ThenBy(c => c.Id),
            CallJson.From,
            cancellationToken));
        await SectionAsync("audit-log.json", ArchiveWriter.Rows(
            db.AuditEntries.AsNoTracking().Where(a => a.ActorUserId == userId).OrderBy(a => a.Sequence)
                .Select(a => new { a.Sequence, a.OccurredAt, a.Action, a.ActorIp, a.TargetType, a.TargetId, a.Details }),
            cancellationToken));
        await progress.ReportAsync("done", done, Steps, cancellationToken);
    }
}
