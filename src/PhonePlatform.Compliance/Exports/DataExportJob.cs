using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// Jobs role: builds queued exports one after another, then expires old ones, every
/// <see cref="DataExportOptions.PollInterval"/> on the injected clock.
/// </summary>
public sealed partial class DataExportJob(DataExportRunner runner, IOptions<DataExportOptions> options, TimeProvider time, ILogger<DataExportJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                while (await runner.RunOnceAsync(stoppingToken))
                {
                }

                await runner.ExpireAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
