using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Revokes the caller's own session.</summary>
public sealed class Logout(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.SessionId is not { } sessionId)
        {
            return Failure.Forbidden("API keys have no session to end; revoke the key instead.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, time.GetUtcNow()), cancellationToken);
        await audit.AppendAsync(caller.Event(AuditAction.Logout, "session", sessionId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Done();
    }
}
