using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Billing;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Members;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Removes a member with their number grants, and ends their sessions in this workspace.</summary>
public sealed class RemoveMember(PhonePlatformDbContext db, AuditLog audit, SyncSeats seats)
{
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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Sessions.Where(s => s.UserId == membership.UserId).ExecuteDeleteAsync(cancellationToken);
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.MemberRemoved, "membership", membershipId, $"user={membership.UserId}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await seats.TryExecuteAsync(caller.Event(BillingAuditActions.SeatsSynchronised), cancellationToken);
        return new Done();
    }
}
