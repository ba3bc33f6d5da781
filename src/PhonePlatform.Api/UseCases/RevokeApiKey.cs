using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Revokes a key at once. No step-up: stopping a leaked key must never wait on re-authentication.</summary>
public sealed class RevokeApiKey(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Failure.NotFound("API key");
        }

        if (key.RevokedAt is not null)
        {
            return new Done();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.ApiKeyRevoked, "api_key", keyId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Done();
    }
}
