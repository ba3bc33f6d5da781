using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PhonePlatform.Backups;

/// <summary>Takes a backup every <see cref="BackupOptions.Interval"/> (hourly or daily), the first one at start.</summary>
public sealed partial class BackupScheduler(IServiceProvider services, BackupOptions options, TimeProvider time, ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackupLoop.RunAsync(options.Interval, time, async ct =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CreateBackup>().ExecuteAsync(ct);
        }, e => LogFailed(logger, e), stoppingToken);

    [LoggerMessage(EventId = 7103, EventName = "BackupFailed", Level = LogLevel.Critical, Message = "ALERT: scheduled backup failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Runs the restore test every <see cref="BackupOptions.RestoreTestInterval"/> (jobs role).</summary>
public sealed class RestoreTestJob(IServiceProvider services, BackupOptions options, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackupLoop.RunAsync(options.RestoreTestInterval, time, async ct =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RestoreTest>().ExecuteAsync(ct); // reports failures itself
        }, _ => { }, stoppingToken);
}

internal static class BackupLoop
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> run, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await run(stoppingToken);
            }
#pragma warning disable CA1031 // A failed run is logged and retried at the next tick.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
