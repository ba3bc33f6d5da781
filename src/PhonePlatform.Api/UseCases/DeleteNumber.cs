using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Deletes a number and its access grants (endpoint requires step-up).</summary>
public sealed class DeleteNumber(PhonePlatformDbContext db, AuditLog audit)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid numberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var number = await db.PhoneNumbers.SingleOrDefaultAsync(n => n.Id == numberId, cancellationToken);
        if (number is null)
        {
            return Failure.NotFound("Number");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PhoneNumbers.Remove(number);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.NumberDeleted, "phone_number", numberId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Done();
    }
}
