using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Turns TOTP off (after step-up), unless the workspace's policy requires it for the caller's role.</summary>
public sealed class DisableTwoFactor(PhonePlatformDbContext db, AuditLog audit)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } userId || caller.Role is not { } role)
        {
            return Failure.Forbidden("Two-factor authentication belongs to users, not API keys.");
        }

        var workspace = await db.Workspaces.SingleAsync(cancellationToken);
        if (workspace.RequireTwoFactorForAdmins && RolePermissions.IsAdministrative(role))
        {
            return Failure.Conflict("This workspace requires two-factor authentication for owners and admins.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.TwoFactorEnabled = false;
        user.TotpSecret = null;
        await db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.TwoFactorDisabled, "user", userId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Done();
    }
}
