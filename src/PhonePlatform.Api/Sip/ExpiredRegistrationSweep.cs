using PhonePlatform.Data.Sip;

namespace PhonePlatform.Api.Sip;

/// <summary>Deletes expired SIP bindings of all workspaces every few minutes (they are ignored before that already).</summary>
public sealed partial class ExpiredRegistrationSweep(PostgresLocationService locations, TimeProvider clock, ILogger<ExpiredRegistrationSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await locations.SweepExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogSwept(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired SIP bindings")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired SIP bindings failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
