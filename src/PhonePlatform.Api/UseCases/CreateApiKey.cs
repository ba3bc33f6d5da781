using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Creates an API key holding at most the creator's own permissions; the token is returned once.</summary>
public sealed class CreateApiKey(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<CreatedApiKeyResponse>> ExecuteAsync(Caller caller, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Failure.Validation("name", "Name the key (1 to 100 characters).");
        }

        if (request.Permissions is not { Count: > 0 })
        {
            return Failure.Validation("permissions", "Give at least one permission.");
        }

        if (!PermissionNames.TryParse(request.Permissions, out var permissions, out var unknown))
        {
            return Failure.Validation("permissions", $"Unknown permission '{unknown}'.");
        }

        if ((permissions & ~caller.Permissions) != Permission.None)
        {
            return Failure.Forbidden("A key cannot hold permissions its creator does not have.");
        }

        var (token, prefix, secretHash) = ApiKeyToken.Create();
        var key = new ApiKey
        {
            Name = name,
            Prefix = prefix,
            SecretHash = secretHash,
            Permissions = permissions,
            CreatedByUserId = caller.UserId ?? Guid.Empty,
            CreatedAt = time.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.ApiKeyCreated, "api_key", key.Id, $"permissions={permissions}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiKeyResponse(ApiKeyViews.From(key), token);
    }
}

internal static class ApiKeyViews
{
    public static ApiKeyResponse From(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, PermissionNames.ToNames(key.Permissions), key.CreatedAt, key.RevokedAt, key.LastUsedAt);
}
