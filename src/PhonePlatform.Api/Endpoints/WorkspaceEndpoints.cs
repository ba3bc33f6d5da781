using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

public static class WorkspaceEndpoints
{
    public static RouteGroupBuilder MapWorkspaceEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var workspace = v1.MapGroup("/workspace").WithTags("Workspace");
        workspace.MapGet("/", GetAsync).RequirePermission(Permission.WorkspaceRead);
        workspace.MapPut("/billing", ChangeBillingAsync).RequirePermission(Permission.BillingManage).RequireStepUp();
        workspace.MapPut("/security", ChangeSecurityAsync).RequirePermission(Permission.SecurityManage).RequireStepUp();
        return v1;
    }

    private static async Task<Ok<WorkspaceResponse>> GetAsync(Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        var w = await db.Workspaces.AsNoTracking().SingleAsync(cancellationToken);
        return TypedResults.Ok(new WorkspaceResponse(
            w.Id, w.Name, w.CreatedAt, w.RequireTwoFactorForAdmins, caller.Has(Permission.BillingRead) ? w.BillingPlan : null));
    }

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> ChangeBillingAsync(
        BillingRequest request, Caller caller, ChangeBillingPlan useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToOk();

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> ChangeSecurityAsync(
        SecurityPolicyRequest request, Caller caller, ChangeSecurityPolicy useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToOk();
}
