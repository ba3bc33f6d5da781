using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Turns the "owners and admins must use 2FA" policy on or off (step-up, audited).</summary>
public sealed class ChangeSecurityPolicy(PhonePlatformDbContext db, AuditLog audit)
{
    public async Task<Outcome<WorkspaceResponse>> ExecuteAsync(Caller caller, SecurityPolicyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var workspace = await db.Workspaces.SingleAsync(cancellationToken);
        var details = $"requireTwoFactorForAdmins={workspace.RequireTwoFactorForAdmins}->{request.RequireTwoFactorForAdmins}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        workspace.RequireTwoFactorForAdmins = request.RequireTwoFactorForAdmins;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.SecurityPolicyChanged, "workspace", workspace.Id, details), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WorkspaceResponse(
            workspace.Id,
            workspace.Name,
            workspace.CreatedAt,
            workspace.RequireTwoFactorForAdmins,
            caller.Has(Permission.BillingRead) ? workspace.BillingPlan : null);
    }
}
