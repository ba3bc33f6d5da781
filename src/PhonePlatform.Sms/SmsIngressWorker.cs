using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Drains <see cref="SmsIngress"/>: stores inbound messages (with STOP/START/HELP) and applies delivery receipts. A
/// receipt that overtakes the worker's write of the carrier id is retried for a while before it is dropped.
/// </summary>
public sealed class SmsIngressWorker(SmsIngress ingress, IServiceScopeFactory scopes, ReceiptProcessor receipts, TimeProvider time, ILogger<SmsIngressWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan ReceiptRetryDelay = TimeSpan.FromMilliseconds(50);
    private const int ReceiptRetries = 200;

    /// <summary>Raised after an inbound message is stored (live push to connected sessions subscribes here).</summary>
    public event EventHandler<ReceivedMessage>? MessageReceived;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DrainInboundAsync(stoppingToken), DrainReceiptsAsync(stoppingToken), DrainReceiptsAsync(stoppingToken));

    private async Task DrainInboundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var inbound in ingress.Inbound.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var received = await scope.ServiceProvider.GetRequiredService<InboundProcessor>().ProcessAsync(inbound, cancellationToken);
                    if (received is null)
                    {
                        SmsLog.UnknownDestination(logger, inbound.Destination.Address);
                    }
                    else
                    {
                        MessageReceived?.Invoke(this, received);
                    }
                }
                catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    SmsLog.IngressFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DrainReceiptsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var receipt in ingress.Receipts.Reader.ReadAllAsync(cancellationToken))
            {
                _ = ApplyWithRetryAsync(receipt, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyWithRetryAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < ReceiptRetries; attempt++)
            {
                if (await receipts.ApplyAsync(receipt, cancellationToken))
                {
                    return;
                }

                await Task.Delay(ReceiptRetryDelay, time, cancellationToken);
            }

            SmsLog.UnmatchedReceipt(logger, receipt.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (NpgsqlException exception)
        {
            SmsLog.IngressFailed(logger, exception);
        }
    }
}
