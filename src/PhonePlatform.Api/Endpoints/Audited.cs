using PhonePlatform.Api.Auth;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// Runs a change and appends its audit entry in one transaction, for endpoints whose use cases live outside the API
/// (they know nothing of the caller). A change that returns null (nothing found) is rolled back and not audited.
/// </summary>
internal static class Audited
{
    public static async Task<T> RunAsync<T>(
        PhonePlatformDbContext db, AuditLog audit, Caller caller, string targetType, string action, Func<Task<T>> change, Func<T, Guid> target,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await change();
        if (result is null)
        {
            return result;
        }

        await audit.AppendAsync(caller.Event(action, targetType, target(result)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
