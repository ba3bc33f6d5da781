using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Sets one member's access to one number (need-to-know or need-to-do); idempotent.</summary>
public sealed class GrantNumberAccess(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<NumberAccessResponse>> ExecuteAsync(
        Caller caller, Guid numberId, Guid membershipId, GrantNumberAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Level))
        {
            return Failure.Validation("level", "Use 'view' or 'use'.");
        }

        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == numberId, cancellationToken))
        {
            return Failure.NotFound("Number");
        }

        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Failure.NotFound("Member");
        }

        if (NumberAccessPolicy.GrantRefusal(member.Role, request.Level) is { } refusal)
        {
            return Failure.Validation("level", refusal);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var grant = await db.NumberAccess.SingleOrDefaultAsync(a => a.PhoneNumberId == numberId && a.MembershipId == membershipId, cancellationToken);
        if (grant is null)
        {
            grant = new NumberAccess { PhoneNumberId = numberId, MembershipId = membershipId, Level = request.Level, CreatedAt = time.GetUtcNow() };
            db.NumberAccess.Add(grant);
        }
        else if (grant.Level == request.Level)
        {
            return new NumberAccessResponse(membershipId, grant.Level, grant.CreatedAt);
        }

        grant.Level = request.Level;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            caller.Event(AuditAction.NumberAccessGranted, "phone_number", numberId, $"membership={membershipId};level={request.Level}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new NumberAccessResponse(membershipId, grant.Level, grant.CreatedAt);
    }
}
