using Microsoft.AspNetCore.Http.HttpResults;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Compliance;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// GDPR register (public: it describes the service, not a workspace) and workspace cancellation (Owner, step-up).
/// </summary>
public static class ComplianceEndpoints
{
    public static RouteGroupBuilder MapComplianceEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var compliance = v1.MapGroup("/compliance").WithTags("Compliance");
        compliance.MapGet("/processing-register", (ProcessingRegister register) => TypedResults.Ok(register.Current())).AllowAnonymous();
        compliance.MapGet("/subprocessors", (ProcessingRegister register) => TypedResults.Ok(register.Subprocessors())).AllowAnonymous();

        var cancellation = v1.MapGroup("/workspace/cancellation").WithTags("Workspace");
        cancellation.MapGet("/", GetCancellationAsync).RequirePermission(Permission.WorkspaceRead);
        var retention = v1.MapGroup("/workspace/retention").WithTags("Workspace");
        retention.MapGet("/", GetRetentionAsync).RequirePermission(Permission.SecurityManage);
        retention.MapPut("/", SetRetentionAsync).RequirePermission(Permission.SecurityManage);
        cancellation.MapPost("/", CancelAsync).RequirePermission(Permission.SecurityManage).RequireStepUp().AllowWhenReadOnly();
        return v1;
    }

    private static async Task<Results<Ok<CancellationResponse>, ProblemHttpResult>> GetCancellationAsync(
        WorkspaceStatus status, CancellationToken cancellationToken)
    {
        var cancellation = await status.GetCancellationAsync(cancellationToken);
        return cancellation is null
            ? Failure.NotFound("A cancellation of this workspace").ToResult()
            : TypedResults.Ok(new CancellationResponse(cancellation.RequestedAt, cancellation.PurgeAfter, cancellation.PurgedAt, cancellation.CertificateId, null));
    }

    private static async Task<Ok<RetentionPolicyDto>> GetRetentionAsync(RetentionPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(RetentionPolicyDto.From(await policies.GetAsync(cancellationToken)));

    /// <summary>Owner and Admin (security:manage); null keeps that kind of data until the workspace is deleted.</summary>
    private static async Task<Results<Ok<RetentionPolicyDto>, ProblemHttpResult>> SetRetentionAsync(
        RetentionPolicyDto request, Caller caller, RetentionPolicies policies, CancellationToken cancellationToken)
    {
        if (RetentionPolicy.Validate(request.RecordingsDays, request.VoicemailDays, request.MessagesMonths) is { } error)
        {
            return Failure.Validation("retention", error).ToResult();
        }

        var policy = await policies.SetAsync(
            new AuditEvent(RetentionPolicies.ChangedAuditAction, caller.UserId, caller.ApiKeyId, caller.Ip),
            request.RecordingsDays, request.VoicemailDays, request.MessagesMonths, cancellationToken);
        return TypedResults.Ok(RetentionPolicyDto.From(policy));
    }

    /// <summary>Only the Owner may cancel; <c>deleteNow</c> purges at once and returns the deletion certificate.</summary>
    private static async Task<Results<Ok<CancellationResponse>, ProblemHttpResult>> CancelAsync(
        CancellationRequest request, Caller caller, CancelWorkspace useCase, CancellationToken cancellationToken)
    {
        if (caller.Role != Role.Owner)
        {
            return Failure.Forbidden("Only the workspace owner can cancel the workspace.").ToResult();
        }

        var outcome = await useCase.ExecuteAsync(
            new AuditEvent(ComplianceAuditActions.WorkspaceCancelled, caller.UserId, caller.ApiKeyId, caller.Ip),
            request.DeleteNow,
            cancellationToken);
        return TypedResults.Ok(new CancellationResponse(
            outcome.RequestedAt, outcome.PurgeAfter, outcome.Certificate?.IssuedAt, outcome.Certificate?.Id, outcome.Certificate is null ? null : new CertificateResponse(outcome.Certificate.Document, outcome.Certificate.Sha256)));
    }
}

public sealed record CancellationRequest(bool DeleteNow);

public sealed record CancellationResponse(
    DateTimeOffset RequestedAt, DateTimeOffset PurgeAfter, DateTimeOffset? PurgedAt, Guid? CertificateId, CertificateResponse? Certificate);

public sealed record CertificateResponse(string Document, string Sha256);

/// <summary>Retention in days (recordings, voicemail) and months (messages); null keeps the data.</summary>
public sealed record RetentionPolicyDto(int? RecordingsDays, int? VoicemailDays, int? MessagesMonths)
{
    public static RetentionPolicyDto From(RetentionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.RecordingsDays, policy.VoicemailDays, policy.MessagesMonths);
    }
}
