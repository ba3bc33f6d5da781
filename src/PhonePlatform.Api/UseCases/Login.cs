using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Hosting;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// Password (+ TOTP or a recovery code when enrolled) to a session in one workspace. Failures count towards a
/// lockout; a locked account is refused with the same answer as a wrong password, so lockout reveals nothing.
/// </summary>
public sealed class Login(
    PhonePlatformDbContext db,
    AuditLog audit,
    PasswordHasher hasher,
    TotpAuthenticator totp,
    TimeProvider time,
    IOptions<AuthOptions> options)
{
    public async Task<Outcome<LoginResponse>> ExecuteAsync(LoginRequest request, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var user = EmailAddress.TryNormalize(request.Email, out var email)
            ? await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken)
            : null;
        if (user is null)
        {
            await hasher.SpendVerificationTimeAsync(request.Password ?? "");
            return Failure.InvalidCredentials();
        }

        var workspaces = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == user.Id)
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.WorkspaceId)
            .ToListAsync(cancellationToken);

        if (user.LockedUntil > now)
        {
            await AuditEachAsync(workspaces, new AuditEvent(AuditAction.LoginFailed, user.Id, null, ip, "user", user.Id.ToString(), "locked"), cancellationToken);
            return Failure.InvalidCredentials();
        }

        if (!await PasswordHasher.VerifyAsync(request.Password ?? "", user.PasswordHash))
        {
            return await FailAsync(user, workspaces, ip, "password", cancellationToken);
        }

        var usedRecoveryCode = false;
        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrEmpty(request.TotpCode) && string.IsNullOrEmpty(request.RecoveryCode))
            {
                return new Failure(
                    StatusCodes.Status401Unauthorized, "two-factor-required", "Two-factor code required", "Send totpCode (or a recoveryCode) with the password.");
            }

            if (!string.IsNullOrEmpty(request.TotpCode) && totp.Verify(user.TotpSecret!, request.TotpCode, user.TotpLastUsedStep) is { } step)
            {
                user.TotpLastUsedStep = step;
            }
            else if (!string.IsNullOrEmpty(request.RecoveryCode) && await UseRecoveryCodeAsync(user.Id, request.RecoveryCode, now, cancellationToken))
            {
                usedRecoveryCode = true;
            }
            else
            {
                return await FailAsync(user, workspaces, ip, "second factor", cancellationToken);
            }
        }

        Guid? workspaceId = request.WorkspaceId is { } wanted ? workspaces.Contains(wanted) ? wanted : null : workspaces.FirstOrDefault();
        if (workspaceId is not { } chosen || chosen == Guid.Empty)
        {
            return Failure.InvalidCredentials();
        }

        if (hasher.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = await hasher.HashAsync(request.Password!);
        }

        user.FailedLoginCount = 0;
        user.LockedUntil = null;
        var (token, hash) = OpaqueToken.Session.Create();
        db.UseWorkspace(chosen);
        var session = new Session { UserId = user.Id, TokenHash = hash, CreatedAt = now, ExpiresAt = now + options.Value.SessionLifetime };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        if (usedRecoveryCode)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.RecoveryCodeUsed, user.Id, null, ip, "user", user.Id.ToString()), cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.Login, user.Id, null, ip, "session", session.Id.ToString()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginResponse(token, session.Id, chosen, session.ExpiresAt);
    }

    private async Task<Failure> FailAsync(User user, List<Guid> workspaces, string? ip, string factor, CancellationToken cancellationToken)
    {
        user.FailedLoginCount++;
        var lockedOut = user.FailedLoginCount >= options.Value.MaxFailedLogins;
        if (lockedOut)
        {
            user.LockedUntil = time.GetUtcNow() + options.Value.LockoutDuration;
            user.FailedLoginCount = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        await AuditEachAsync(workspaces, new AuditEvent(AuditAction.LoginFailed, user.Id, null, ip, "user", user.Id.ToString(), $"wrong {factor}"), cancellationToken);
        if (lockedOut)
        {
            await AuditEachAsync(workspaces, new AuditEvent(AuditAction.LockedOut, user.Id, null, ip, "user", user.Id.ToString()), cancellationToken);
        }

        return Failure.InvalidCredentials();
    }

    private async Task<bool> UseRecoveryCodeAsync(Guid userId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = RecoveryCodes.Hash(code);
        // Marks the code used in the same statement that finds it, so two racing logins cannot both spend it.
        var spent = await db.RecoveryCodes
            .Where(r => r.UserId == userId && r.CodeHash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), cancellationToken);
        return spent == 1;
    }

    // A failed login is recorded in every workspace of the user: each one's admins see attacks on their members.
    private async Task AuditEachAsync(List<Guid> workspaces, AuditEvent what, CancellationToken cancellationToken)
    {
        foreach (var workspaceId in workspaces)
        {
            db.UseWorkspace(workspaceId);
            await audit.AppendAsync(what, cancellationToken);
        }
    }
}
