using Npgsql;
using PhonePlatform.Core.Observability;

namespace PhonePlatform.Api.Operations;

/// <summary>
/// Reads the SMS outbox depth and the age of its oldest entry every <see cref="Interval"/> (counts only, across
/// workspaces, no content) and reports them to <see cref="PlatformMetrics"/>. Runs in the jobs role.
/// </summary>
public sealed partial class SmsQueueObserver(NpgsqlDataSource dataSource, PlatformMetrics metrics, TimeProvider time, ILogger<SmsQueueObserver> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """SELECT count(*), min(m."CreatedAt") FROM "SmsOutbox" o JOIN "Messages" m ON m."Id" = o."MessageId" """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var depth = reader.GetInt64(0);
        var oldest = reader.IsDBNull(1) ? TimeSpan.Zero : time.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1);
        metrics.SmsQueueObserved(depth, oldest);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // First reading after one interval: at startup the database may not be migrated yet.
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ObserveAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The observer keeps going; the database health check reports outages.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the SMS outbox depth failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
