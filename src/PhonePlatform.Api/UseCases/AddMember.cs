using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Billing;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// Adds a user to the workspace. Granting an administrative role or billing is a role change and needs step-up.
/// </summary>
public sealed class AddMember(PhonePlatformDbContext db, AuditLog audit, PasswordHasher hasher, TimeProvider time, SyncSeats seats)
{
    public async Task<Outcome<MemberResponse>> ExecuteAsync(Caller caller, AddMemberRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!EmailAddress.TryNormalize(request.Email, out var email))
        {
            return Failure.Validation("email", "Enter a valid e-mail address.");
        }

        if (!Enum.IsDefined(request.Role))
        {
            return Failure.Validation("role", "Unknown role.");
        }

        var now = time.GetUtcNow();
        if ((RolePermissions.IsAdministrative(request.Role) || request.Billing) && !(caller.StepUpUntil > now))
        {
            return Failure.StepUpRequired();
        }

        if (request.Billing && !caller.Has(Permission.BillingManage))
        {
            return Failure.Forbidden("Granting billing requires the 'billing:manage' permission.");
        }

        var ownerCount = await db.Memberships.CountAsync(m => m.Role == Role.Owner, cancellationToken);
        if (RoleChangePolicy.Refusal(caller.Role ?? Role.Viewer, null, request.Role, ownerCount) is { } refusal)
        {
            return Failure.Forbidden(refusal);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            if (request.InitialPassword is null)
            {
                return Failure.Validation("initialPassword", "No account has this e-mail address; give an initial password to create one.");
            }

            if (PasswordPolicy.Check(request.InitialPassword, email) is { Count: > 0 } problems)
            {
                return Failure.Validation("initialPassword", [.. problems]);
            }

            user = new User { Email = email, PasswordHash = await hasher.HashAsync(request.InitialPassword), CreatedAt = now };
            db.Users.Add(user);
        }
        else if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            return Failure.Conflict("This user is already a member.");
        }

        var membership = new Membership { UserId = user.Id, Role = request.Role, Billing = request.Billing, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Memberships.Add(membership);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("This user is already a member.");
        }

        await audit.AppendAsync(
            caller.Event(AuditAction.MemberAdded, "membership", membership.Id, $"role={request.Role};billing={request.Billing}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await seats.TryExecuteAsync(caller.Event(BillingAuditActions.SeatsSynchronised), cancellationToken);
        return new MemberResponse(membership.Id, user.Id, user.Email, membership.Role, membership.Billing, membership.CreatedAt);
    }
}
