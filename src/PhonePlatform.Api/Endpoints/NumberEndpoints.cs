using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

public static class NumberEndpoints
{
    public static RouteGroupBuilder MapNumberEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var numbers = v1.MapGroup("/numbers").WithTags("Numbers");
        numbers.MapGet("/", ListAsync).RequirePermission(Permission.NumbersRead);
        numbers.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.NumbersRead);
        numbers.MapPost("/", AddAsync).RequirePermission(Permission.NumbersManage);
        numbers.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.NumbersManage).RequireStepUp();

        numbers.MapGet("/{id:guid}/access", ListAccessAsync).RequirePermission(Permission.NumberAccessManage);
        numbers.MapPut("/{id:guid}/access/{membershipId:guid}", GrantAsync).RequirePermission(Permission.NumberAccessManage);
        numbers.MapDelete("/{id:guid}/access/{membershipId:guid}", RevokeAsync).RequirePermission(Permission.NumberAccessManage);
        return v1;
    }

    private static IQueryable<PhoneNumber> Visible(PhonePlatformDbContext db, Caller caller) => NumberScope.Visible(db, caller);

    private static async Task<Results<Ok<Page<NumberResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var take = Cursor.Limit(limit);
        var rows = await Visible(db, caller)
            .Where(n => cursor == null || n.Id > after)
            .OrderBy(n => n.Id)
            .Take(take + 1)
            .Select(n => new NumberResponse(n.Id, n.E164, n.Label, n.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, take, n => n.Id));
    }

    private static async Task<Results<Ok<NumberResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await Visible(db, caller).Where(n => n.Id == id).Select(n => new NumberResponse(n.Id, n.E164, n.Label, n.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken) is { } number
            ? TypedResults.Ok(number)
            : Failure.NotFound("Number").ToResult();

    private static async Task<Results<Created<NumberResponse>, ProblemHttpResult>> AddAsync(
        AddNumberRequest request, Caller caller, AddNumber useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToCreated(n => $"/v1/numbers/{n.Id}");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Caller caller, DeleteNumber useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();

    private static async Task<Results<Ok<IReadOnlyList<NumberAccessResponse>>, ProblemHttpResult>> ListAccessAsync(
        Guid id, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == id, cancellationToken))
        {
            return Failure.NotFound("Number").ToResult();
        }

        var grants = await db.NumberAccess.Where(a => a.PhoneNumberId == id).OrderBy(a => a.Id)
            .Select(a => new NumberAccessResponse(a.MembershipId, a.Level, a.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NumberAccessResponse>>(grants);
    }

    private static async Task<Results<Ok<NumberAccessResponse>, ProblemHttpResult>> GrantAsync(
        Guid id, Guid membershipId, GrantNumberAccessRequest request, Caller caller, GrantNumberAccess useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, membershipId, request, cancellationToken)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, Guid membershipId, Caller caller, RevokeNumberAccess useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, membershipId, cancellationToken)).ToNoContent();
}
