using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Hosting;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// Re-authentication with password and TOTP that opens a short window for sensitive operations
/// (billing, API key creation, role changes, export, deletion) on the current session only.
/// </summary>
public sealed class StepUp(PhonePlatformDbContext db, AuditLog audit, TotpAuthenticator totp, TimeProvider time, IOptions<AuthOptions> options)
{
    public async Task<Outcome<StepUpResponse>> ExecuteAsync(Caller caller, StepUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (caller.SessionId is not { } sessionId || caller.UserId is not { } userId)
        {
            return Failure.Forbidden("API keys cannot step up; sensitive operations need a signed-in user.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (!user.TwoFactorEnabled || user.TotpSecret is null)
        {
            return new Failure(
                StatusCodes.Status403Forbidden,
                "two-factor-not-enrolled",
                "Two-factor authentication not enabled",
                "Sensitive operations need two-factor authentication: POST /v1/me/two-factor first.");
        }

        var now = time.GetUtcNow();
        var step = user.LockedUntil > now
            ? null
            : await PasswordHasher.VerifyAsync(request.Password ?? "", user.PasswordHash)
                ? totp.Verify(user.TotpSecret, request.TotpCode, user.TotpLastUsedStep)
                : null;
        if (step is null)
        {
            // Failed step-ups count towards the same lockout as failed logins: a stolen session cannot guess on.
            user.FailedLoginCount++;
            if (user.FailedLoginCount >= options.Value.MaxFailedLogins)
            {
                user.LockedUntil = now + options.Value.LockoutDuration;
                user.FailedLoginCount = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(caller.Event(AuditAction.LoginFailed, "session", sessionId, "step-up refused"), cancellationToken);
            return Failure.InvalidCredentials();
        }

        user.FailedLoginCount = 0;
        var until = now + options.Value.StepUpLifetime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.TotpLastUsedStep = step.Value;
        var session = await db.Sessions.SingleAsync(s => s.Id == sessionId, cancellationToken);
        session.StepUpUntil = until;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.StepUp, "session", sessionId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StepUpResponse(until);
    }
}
