using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

public sealed class AddNumber(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<NumberResponse>> ExecuteAsync(Caller caller, AddNumberRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!E164.TryNormalize(request.E164, out var e164))
        {
            return Failure.Validation("e164", "Give a valid number in E.164 form, e.g. +14155550100.");
        }

        var label = request.Label?.Trim() ?? "";
        if (label.Length > 100)
        {
            return Failure.Validation("label", "Use at most 100 characters.");
        }

        var number = new PhoneNumber { E164 = e164, Label = label, CreatedAt = time.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PhoneNumbers.Add(number);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("This workspace already has this number.");
        }

        await audit.AppendAsync(caller.Event(AuditAction.NumberAdded, "phone_number", number.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new NumberResponse(number.Id, number.E164, number.Label, number.CreatedAt);
    }
}
