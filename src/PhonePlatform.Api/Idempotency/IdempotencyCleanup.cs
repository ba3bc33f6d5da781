using Microsoft.EntityFrameworkCore;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Idempotency;

/// <summary>Deletes idempotency records past their retention, hourly.</summary>
public sealed partial class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
                var now = time.GetUtcNow();
                var deleted = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(stoppingToken);
                LogDeleted(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency cleanup failed; retrying next hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
