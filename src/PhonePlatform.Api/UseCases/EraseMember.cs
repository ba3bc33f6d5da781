using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Billing;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Members;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// Erases a member (GDPR Art. 17): removes the membership and what holds their personal data in this workspace
/// (sessions, number grants, SIP registrations with their addresses and user agents, their personal-data exports),
/// revokes the API keys they created, and, when they belong to no other workspace, pseudonymises their account
/// (e-mail replaced, password, TOTP secret and recovery codes removed), so it can never sign in again. The
/// workspace's records keep the membership and user ids as placeholders: calls list the former member's id, the
/// hash-chained audit log keeps its entries (ids and IP, kept for security accountability). Audit-logged.
/// </summary>
public sealed class EraseMember(PhonePlatformDbContext db, AuditLog audit, NpgsqlDataSource dataSource, IWorkspaceBlobs blobs, SyncSeats seats, TimeProvider time)
{
    public const string AuditAction = "member.erased";

    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid membershipId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return Failure.NotFound("Member");
        }

        var ownerCount = await db.Memberships.CountAsync(m => m.Role == Role.Owner, cancellationToken);
        if (RoleChangePolicy.RemovalRefusal(caller.Role ?? Role.Viewer, membership.Role, ownerCount) is { } refusal)
        {
            return Failure.Forbidden(refusal);
        }

        var userId = membership.UserId;
        var exports = await db.DataExports.Where(e => e.Scope == DataExportScope.Member && (e.SubjectMembershipId == membershipId || e.RequestedByUserId == userId))
            .Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var export in exports)
        {
            await blobs.DeleteAsync(caller.WorkspaceId, DataExport.BlobNameOf(export), cancellationToken);
        }

        var otherWorkspaces = await CountOtherMembershipsAsync(userId, caller.WorkspaceId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DataExports.Where(e => exports.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SipRegistrations.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.NumberAccess.Where(a => a.MembershipId == membershipId).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.ApiKeys.Where(k => k.CreatedByUserId == userId && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        db.Memberships.Remove(membership);
        if (otherWorkspaces == 0)
        {
            await PseudonymiseAccountAsync(userId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            caller.Event(AuditAction, "membership", membershipId, $"user={userId} account={(otherWorkspaces == 0 ? "pseudonymised" : "kept")}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await seats.TryExecuteAsync(caller.Event(BillingAuditActions.SeatsSynchronised), cancellationToken);
        return new Done();
    }

    private async Task PseudonymiseAccountAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.Email = $"erased-{userId:N}@erased.invalid";
        user.PasswordHash = string.Empty; // matches no password: the account can never sign in again
        (user.TotpSecret, user.TwoFactorEnabled, user.FailedLoginCount, user.LockedUntil) = (null, false, 0, null);
        await db.Set<RecoveryCode>().Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    // Memberships are tenant-scoped; whether the account is used elsewhere is the one question asked across tenants.
    private async Task<long> CountOtherMembershipsAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM \"Memberships\" WHERE \"UserId\" = $1 AND \"WorkspaceId\" <> $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
