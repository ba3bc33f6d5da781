using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Changes the workspace's plan (billing capability + step-up, audited).</summary>
public sealed class ChangeBillingPlan(PhonePlatformDbContext db, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Plans = ["trial", "starter", "business", "enterprise"];

    public async Task<Outcome<WorkspaceResponse>> ExecuteAsync(Caller caller, BillingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!Plans.Contains(request.Plan))
        {
            return Failure.Validation("plan", $"Choose one of: {string.Join(", ", Plans)}.");
        }

        var workspace = await db.Workspaces.SingleAsync(cancellationToken);
        var details = $"plan={workspace.BillingPlan}->{request.Plan}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        workspace.BillingPlan = request.Plan;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.BillingChanged, "workspace", workspace.Id, details), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WorkspaceResponse(workspace.Id, workspace.Name, workspace.CreatedAt, workspace.RequireTwoFactorForAdmins, workspace.BillingPlan);
    }
}
