using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var keys = v1.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListAsync).RequirePermission(Permission.ApiKeysManage);
        keys.MapPost("/", CreateAsync).RequirePermission(Permission.ApiKeysManage).RequireStepUp().WithMetadata(SecretResponse.Instance);
        keys.MapDelete("/{id:guid}", RevokeAsync).RequirePermission(Permission.ApiKeysManage);
        return v1;
    }

    private static async Task<Results<Ok<Page<ApiKeyResponse>>, ProblemHttpResult>> ListAsync(
        PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var take = Cursor.Limit(limit);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => cursor == null || k.Id > after).OrderBy(k => k.Id).Take(take + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage([.. rows.Select(ApiKeyViews.From)], take, k => k.Id));
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, Caller caller, CreateApiKey useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, request, cancellationToken)).ToCreated(k => $"/v1/api-keys/{k.Key.Id}");

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, Caller caller, RevokeApiKey useCase, CancellationToken cancellationToken) =>
        (await useCase.ExecuteAsync(caller, id, cancellationToken)).ToNoContent();
}
