using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Gateway;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Api.UseCases.Trunks;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Trunks;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/trunks</c>: the workspace's own carrier trunks (bring your own carrier) with their live state, for owners and
/// admins (<c>trunks:manage</c>). Every change is audited and reaches the gateway without a restart. Credentials are
/// written, never read back.
/// </summary>
public static class TrunkEndpoints
{
    public static RouteGroupBuilder MapTrunkEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var trunks = v1.MapGroup("/trunks").WithTags("Trunks").RequirePermission(Permission.TrunksManage);
        trunks.MapGet("/", ListAsync);
        trunks.MapPost("/", CreateAsync);
        trunks.MapGet("/{id:guid}", GetAsync);
        trunks.MapPut("/{id:guid}", ReplaceAsync);
        trunks.MapDelete("/{id:guid}", DeleteAsync);
        return v1;
    }

    private static async Task<Ok<List<TrunkResponse>>> ListAsync(PhonePlatformDbContext db, ITrunkStates states, CancellationToken cancellationToken)
    {
        var rows = await db.CarrierTrunks.AsNoTracking().OrderBy(t => t.Priority).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(t => TrunkResponse.From(t, states.Describe(t.Id))).ToList());
    }

    private static async Task<Results<Ok<TrunkResponse>, ProblemHttpResult>> GetAsync(
        Guid id, PhonePlatformDbContext db, ITrunkStates states, CancellationToken cancellationToken) =>
        await db.CarrierTrunks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } trunk
            ? TypedResults.Ok(TrunkResponse.From(trunk, states.Describe(trunk.Id)))
            : NotFound();

    private static async Task<Results<Created<TrunkResponse>, ProblemHttpResult>> CreateAsync(
        TrunkRequest request, PhonePlatformDbContext db, Caller caller, AuditLog audit, ITrunkStates states, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TrunkInputRules.Check(request) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (await NameTakenAsync(db, request.Name, null, cancellationToken))
        {
            return NameConflict();
        }

        var now = time.GetUtcNow();
        var trunk = new CarrierTrunk { Name = request.Name, Host = request.Host, CreatedAt = now };
        Apply(trunk, request, now);
        db.CarrierTrunks.Add(trunk);
        await Audited.RunAsync(db, audit, caller, "trunk", AuditAction.TrunkCreated, () => db.SaveChangesAsync(cancellationToken), _ => trunk.Id, cancellationToken);
        states.Changed();
        return TypedResults.Created($"/v1/trunks/{trunk.Id}", TrunkResponse.From(trunk, states.Describe(trunk.Id)));
    }

    private static async Task<Results<Ok<TrunkResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, TrunkRequest request, PhonePlatformDbContext db, Caller caller, AuditLog audit, ITrunkStates states, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var trunk = await db.CarrierTrunks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trunk is null)
        {
            return NotFound();
        }

        if (TrunkInputRules.Check(request) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (await NameTakenAsync(db, request.Name, id, cancellationToken))
        {
            return NameConflict();
        }

        Apply(trunk, request, time.GetUtcNow());
        await Audited.RunAsync(db, audit, caller, "trunk", AuditAction.TrunkChanged, () => db.SaveChangesAsync(cancellationToken), _ => id, cancellationToken);
        states.Changed();
        return TypedResults.Ok(TrunkResponse.From(trunk, states.Describe(trunk.Id)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, PhonePlatformDbContext db, Caller caller, AuditLog audit, ITrunkStates states, CancellationToken cancellationToken)
    {
        var trunk = await db.CarrierTrunks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trunk is null)
        {
            return NotFound();
        }

        db.CarrierTrunks.Remove(trunk);
        await Audited.RunAsync(db, audit, caller, "trunk", AuditAction.TrunkDeleted, () => db.SaveChangesAsync(cancellationToken), _ => id, cancellationToken);
        states.Changed();
        return TypedResults.NoContent();
    }

    private static void Apply(CarrierTrunk trunk, TrunkRequest request, DateTimeOffset now)
    {
        trunk.Name = request.Name.Trim();
        trunk.Host = request.Host;
        trunk.Port = request.Port;
        trunk.Transport = request.Transport;
        trunk.AllowedSources = [.. (request.AllowedSources ?? []).Distinct(StringComparer.Ordinal)];
        trunk.NumberFormat = request.NumberFormat;
        trunk.CountryCode = request.CountryCode;
        trunk.Prefixes = [.. (request.Prefixes ?? []).Distinct(StringComparer.Ordinal)];
        trunk.Priority = request.Priority;
        trunk.CostPerMinute = request.CostPerMinute;
        trunk.Enabled = request.Enabled;
        trunk.UpdatedAt = now;
        switch (request.AuthUsername, request.AuthPassword)
        {
            case ("", ""):
                trunk.AuthUsername = null;
                trunk.AuthPassword = null;
                break;
            case ({ } username, { } password):
                trunk.AuthUsername = EncryptedText.From(username);
                trunk.AuthPassword = EncryptedText.From(password);
                break;
        }
    }

    private static Task<bool> NameTakenAsync(PhonePlatformDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return db.CarrierTrunks.AnyAsync(t => t.Name == trimmed && t.Id != except, cancellationToken);
    }

    private static ProblemHttpResult NameConflict() => Failure.Conflict("The workspace already has a trunk of that name.").ToResult();

    private static ProblemHttpResult NotFound() => Failure.NotFound("Trunk").ToResult();
}
