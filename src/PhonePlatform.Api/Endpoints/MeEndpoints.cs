using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>The caller itself. No permission needed: a member who must enrol 2FA can still reach these.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var me = v1.MapGroup("/me").WithTags("Me");
        me.MapGet("/", GetAsync);
        me.MapPost("/two-factor", BeginTwoFactorAsync).WithMetadata(SecretResponse.Instance).AllowWhenReadOnly();
        me.MapPost("/two-factor/confirm", ConfirmTwoFactorAsync).WithMetadata(SecretResponse.Instance).AllowWhenReadOnly();
        me.MapDelete("/two-factor", DisableTwoFactorAsync).RequireStepUp();
        return v1;
    }

    private static async Task<Ok<MeResponse>> GetAsync(Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        var workspaceName = await db.Workspaces.Select(w => w.Name).SingleAsync(cancellationToken);
        var user = caller.UserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.TwoFactorEnabled }).SingleAsync(cancellationToken)
            : null;
        return TypedResults.Ok(new MeResponse(
            caller.WorkspaceId,
            workspaceName,
            caller.UserId,
            user?.Email,
            caller.ApiKeyId,
            caller.Role?.ToString().ToLowerInvariant(),
            caller.Has(Permission.BillingManage),
            PermissionNames.ToNames(caller.Permissions),
            user?.TwoFactorEnabled ?? false,
            caller.TwoFactorEnrollmentRequired));
    }

    private static async Task<Results<Ok<TwoFactorSetupResponse>, ProblemHttpResult>> BeginTwoFactorAsync(
        Caller caller, BeginTwoFactorSetup useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, cancellationToken)).ToOk();

    private static async Task<Results<Ok<TwoFactorEnabledResponse>, ProblemHttpResult>> ConfirmTwoFactorAsync(
        TwoFactorConfirmRequest request, Caller caller, ConfirmTwoFactor useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableTwoFactorAsync(
        Caller caller, DisableTwoFactor useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, cancellationToken)).ToNoContent();
}
