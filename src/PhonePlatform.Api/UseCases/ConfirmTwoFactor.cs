using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Enables TOTP after a correct code from the pending secret and issues fresh recovery codes.</summary>
public sealed class ConfirmTwoFactor(PhonePlatformDbContext db, AuditLog audit, TotpAuthenticator totp)
{
    public async Task<Outcome<TwoFactorEnabledResponse>> ExecuteAsync(Caller caller, TwoFactorConfirmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not { } userId)
        {
            return Failure.Forbidden("Two-factor authentication belongs to users, not API keys.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.TwoFactorEnabled || user.TotpSecret is null)
        {
            return Failure.Conflict("There is no pending two-factor setup; start one with POST /v1/me/two-factor.");
        }

        if (totp.Verify(user.TotpSecret, request.Code, user.TotpLastUsedStep) is not { } step)
        {
            return Failure.Validation("code", "The code does not match; check the device clock and try the current code.");
        }

        var codes = RecoveryCodes.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, CodeHash = RecoveryCodes.Hash(c) }));
        user.TwoFactorEnabled = true;
        user.TotpLastUsedStep = step;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.TwoFactorEnabled, "user", userId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TwoFactorEnabledResponse(codes);
    }
}
