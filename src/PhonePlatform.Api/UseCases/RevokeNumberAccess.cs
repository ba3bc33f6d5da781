using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

public sealed class RevokeNumberAccess(PhonePlatformDbContext db, AuditLog audit)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid numberId, Guid membershipId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var grant = await db.NumberAccess.SingleOrDefaultAsync(a => a.PhoneNumberId == numberId && a.MembershipId == membershipId, cancellationToken);
        if (grant is null)
        {
            return Failure.NotFound("Number access");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.NumberAccess.Remove(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.NumberAccessRevoked, "phone_number", numberId, $"membership={membershipId}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Done();
    }
}
