using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Webhooks.Internal;

namespace PhonePlatform.Webhooks;

/// <summary>
/// The dispatcher of the jobs role: fans out new events and delivers due messages, polling while idle. Every
/// round is safe to run in several processes at once.
/// </summary>
public sealed class WebhookJobs(WebhookFanOut fanOut, WebhookDeliverer deliverer, WebhookOptions options, TimeProvider time, ILogger<WebhookJobs> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            LoopAsync(fanOut.RunOnceAsync, exception => WebhookLog.FanOutFailed(logger, exception), stoppingToken),
            LoopAsync(deliverer.RunOnceAsync, exception => WebhookLog.DeliveryRoundFailed(logger, exception), stoppingToken));

    private async Task LoopAsync(Func<CancellationToken, Task<int>> round, Action<Exception> failed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await round(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                failed(exception);
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(options.PollInterval, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
