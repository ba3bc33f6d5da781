using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Compliance.Exports;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// Data exports as background jobs. Workspace exports (<c>/v1/exports</c>: data:export, i.e. Owner/Admin, step-up to
/// request and to get a link) and a member's own personal-data export (<c>/v1/me/exports</c>: any signed-in user,
/// step-up). A completed export is fetched through a single-use link, <c>GET /v1/exports/download/{token}</c>, which
/// needs no session; every step is audit-logged. All of it keeps working in a cancelled (read-only) workspace.
/// </summary>
public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var exports = v1.MapGroup("/exports").WithTags("Exports");
        exports.MapPost("/", RequestWorkspaceExportAsync).RequirePermission(Permission.DataExport).RequireStepUp().AllowWhenReadOnly();
        exports.MapGet("/", (PhonePlatformDbContext db, CancellationToken ct) => ListAsync(db.DataExports.Where(e => e.Scope == DataExportScope.Workspace), ct))
            .RequirePermission(Permission.DataExport);
        exports.MapGet("/{id:guid}", (Guid id, PhonePlatformDbContext db, CancellationToken ct) => GetAsync(WorkspaceExports(db), id, ct))
            .RequirePermission(Permission.DataExport);
        exports.MapPost("/{id:guid}/link", (Guid id, Caller caller, PhonePlatformDbContext db, DataExports service, CancellationToken ct) =>
                IssueLinkAsync(WorkspaceExports(db), id, caller, service, ct))
            .RequirePermission(Permission.DataExport).RequireStepUp().WithMetadata(SecretResponse.Instance).AllowWhenReadOnly();
        exports.MapGet("/download/{token}", DownloadAsync).AllowAnonymous();

        var mine = v1.MapGroup("/me/exports").WithTags("Exports");
        mine.MapPost("/", RequestOwnExportAsync).RequireStepUp().AllowWhenReadOnly();
        mine.MapGet("/", (Caller caller, PhonePlatformDbContext db, CancellationToken ct) => ListAsync(OwnExports(db, caller), ct));
        mine.MapGet("/{id:guid}", (Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken ct) => GetAsync(OwnExports(db, caller), id, ct));
        mine.MapPost("/{id:guid}/link", (Guid id, Caller caller, PhonePlatformDbContext db, DataExports service, CancellationToken ct) =>
                IssueLinkAsync(OwnExports(db, caller), id, caller, service, ct))
            .RequireStepUp().WithMetadata(SecretResponse.Instance).AllowWhenReadOnly();
        return v1;
    }

    private static IQueryable<DataExport> WorkspaceExports(PhonePlatformDbContext db) =>
        db.DataExports.Where(e => e.Scope == DataExportScope.Workspace);

    // A member's exports are theirs alone: other members (admins included) neither list nor download them.
    private static IQueryable<DataExport> OwnExports(PhonePlatformDbContext db, Caller caller) =>
        db.DataExports.Where(e => e.Scope == DataExportScope.Member && e.RequestedByUserId == caller.UserId);

    private static async Task<Results<Accepted<ExportResponse>, ProblemHttpResult>> RequestWorkspaceExportAsync(
        Caller caller, DataExports service, CancellationToken cancellationToken) =>
        Accepted(await service.RequestAsync(caller.Event(ExportAuditActions.Requested), DataExportScope.Workspace, null, cancellationToken), "/v1/exports/");

    private static async Task<Results<Accepted<ExportResponse>, ProblemHttpResult>> RequestOwnExportAsync(
        Caller caller, DataExports service, CancellationToken cancellationToken)
    {
        if (caller.MembershipId is not { } membershipId)
        {
            return Failure.Forbidden("A personal-data export belongs to a signed-in member; API keys cannot request one.").ToResult();
        }

        return Accepted(await service.RequestAsync(caller.Event(ExportAuditActions.Requested), DataExportScope.Member, membershipId, cancellationToken), "/v1/me/exports/");
    }

    private static Results<Accepted<ExportResponse>, ProblemHttpResult> Accepted(DataExport? export, string location) =>
        export is null
            ? new Failure(StatusCodes.Status409Conflict, "export-in-progress", "An export is already in progress",
                "Wait for your current export to complete (GET its status) before requesting another.").ToResult()
            : TypedResults.Accepted(location + export.Id, ExportResponse.From(export));

    private static async Task<Ok<Page<ExportResponse>>> ListAsync(IQueryable<DataExport> exports, CancellationToken cancellationToken)
    {
        // Exports are few per workspace (one pending per requester); the newest 50 are the useful ones.
        var rows = await exports.AsNoTracking().OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ExportResponse>([.. rows.Select(ExportResponse.From)], null));
    }

    private static async Task<Results<Ok<ExportResponse>, ProblemHttpResult>> GetAsync(IQueryable<DataExport> exports, Guid id, CancellationToken cancellationToken) =>
        await exports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } export
            ? TypedResults.Ok(ExportResponse.From(export))
            : Failure.NotFound("Export").ToResult();

    private static async Task<Results<Ok<ExportLinkResponse>, ProblemHttpResult>> IssueLinkAsync(
        IQueryable<DataExport> exports, Guid id, Caller caller, DataExports service, CancellationToken cancellationToken)
    {
        var export = await exports.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (export is null)
        {
            return Failure.NotFound("Export").ToResult();
        }

        var link = await service.IssueLinkAsync(export, caller.Event(ExportAuditActions.LinkIssued), cancellationToken);
        return link is null
            ? new Failure(StatusCodes.Status409Conflict, "export-not-downloadable", "The export cannot be downloaded",
                $"The export is {export.Status.ToString().ToLowerInvariant()}; only a completed, unexpired export has a download link.").ToResult()
            : TypedResults.Ok(new ExportLinkResponse($"/v1/exports/download/{link.Token}", link.ExpiresAt));
    }

    private static async Task<IResult> DownloadAsync(string token, HttpContext context, ExportDownloads downloads, CancellationToken cancellationToken)
    {
        var download = await downloads.RedeemAsync(token, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (download is null)
        {
            return Failure.NotFound("A download link that is unused and not expired").ToResult();
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = download.Length;
        return TypedResults.Stream(download.Content, "application/zip", download.FileName);
    }
}
