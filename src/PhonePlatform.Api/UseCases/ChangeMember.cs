using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Changes a member's role and/or billing capability (endpoint requires step-up).</summary>
public sealed class ChangeMember(PhonePlatformDbContext db, AuditLog audit)
{
    public async Task<Outcome<MemberResponse>> ExecuteAsync(Caller caller, Guid membershipId, ChangeMemberRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return Failure.NotFound("Member");
        }

        if (request.Role is { } role && !Enum.IsDefined(role))
        {
            return Failure.Validation("role", "Unknown role.");
        }

        var newRole = request.Role ?? membership.Role;
        var newBilling = request.Billing ?? membership.Billing;
        var ownerCount = await db.Memberships.CountAsync(m => m.Role == Role.Owner, cancellationToken);
        if (newRole != membership.Role
            && RoleChangePolicy.Refusal(caller.Role ?? Role.Viewer, membership.Role, newRole, ownerCount) is { } refusal)
        {
            return Failure.Forbidden(refusal);
        }

        if (newBilling != membership.Billing && !caller.Has(Permission.BillingManage))
        {
            return Failure.Forbidden("Changing billing requires the 'billing:manage' permission.");
        }

        var details = $"role={membership.Role}->{newRole};billing={membership.Billing}->{newBilling}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (newRole == Role.Viewer)
        {
            // A viewer is read-only: need-to-do grants fall back to need-to-know.
            await db.NumberAccess.Where(a => a.MembershipId == membershipId && a.Level == NumberAccessLevel.Use)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Level, NumberAccessLevel.View), cancellationToken);
        }

        membership.Role = newRole;
        membership.Billing = newBilling;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.RoleChanged, "membership", membershipId, details), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == membership.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
        return new MemberResponse(membership.Id, membership.UserId, email, membership.Role, membership.Billing, membership.CreatedAt);
    }
}
