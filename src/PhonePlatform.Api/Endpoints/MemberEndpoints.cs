using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMemberEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var members = v1.MapGroup("/members").WithTags("Members");
        members.MapGet("/", ListAsync).RequirePermission(Permission.MembersRead);
        members.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.MembersRead);
        members.MapPost("/", AddAsync).RequirePermission(Permission.MembersManage);
        members.MapPatch("/{id:guid}", ChangeAsync).RequirePermission(Permission.MembersManage).RequireStepUp();
        members.MapDelete("/{id:guid}", RemoveAsync).RequirePermission(Permission.MembersManage).RequireStepUp();
        members.MapPost("/{id:guid}/erasure", EraseAsync).RequirePermission(Permission.MembersManage).RequireStepUp();
        return v1;
    }

    private static IQueryable<MemberResponse> Query(PhonePlatformDbContext db, IQueryable<Membership> memberships) =>
        from m in memberships
        join u in db.Users on m.UserId equals u.Id
        orderby m.Id
        select new MemberResponse(m.Id, u.Id, u.Email, m.Role, m.Billing, m.CreatedAt);

    private static async Task<Results<Ok<Page<MemberResponse>>, ProblemHttpResult>> ListAsync(
        PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var take = Cursor.Limit(limit);
        var page = db.Memberships.Where(m => cursor == null || m.Id > after).OrderBy(m => m.Id).Take(take + 1);
        var rows = await Query(db, page).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, take, m => m.Id));
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetAsync(Guid id, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await Query(db, db.Memberships.Where(m => m.Id == id)).SingleOrDefaultAsync(cancellationToken) is { } member
            ? TypedResults.Ok(member)
            : Failure.NotFound("Member").ToResult();

    private static async Task<Results<Created<MemberResponse>, ProblemHttpResult>> AddAsync(
        AddMemberRequest request, Caller caller, AddMember useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToCreated(m => $"/v1/members/{m.Id}");

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ChangeMemberRequest request, Caller caller, ChangeMember useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, request, cancellationToken)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Caller caller, RemoveMember useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();

    /// <summary>GDPR erasure: removes the member and their personal data; records keep their ids as placeholders.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(
        Guid id, Caller caller, EraseMember useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();
}
