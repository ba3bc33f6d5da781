using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Drains <see cref="SmsIngress"/>: joins concatenated parts, stores inbound messages (with STOP/START/HELP) and
/// applies delivery receipts. A receipt that overtakes the worker's write of the carrier id is retried for a while
/// before it is dropped.
/// </summary>
public sealed class SmsIngressWorker(SmsIngress ingress, IServiceScopeFactory scopes, SmsOptions options, TimeProvider time, ILogger<SmsIngressWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan ReceiptRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReassemblySweep = TimeSpan.FromSeconds(1);
    private const int ReceiptRetries = 200;

    private readonly InboundReassembly reassembly = new(time, options.ReassemblyTimeout);

    /// <summary>Raised after an inbound message is stored (in-process hook; live sessions read the workspace events).</summary>
    public event EventHandler<ReceivedMessage>? MessageReceived;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DrainInboundAsync(stoppingToken), SweepReassemblyAsync(stoppingToken), DrainReceiptsAsync(stoppingToken), DrainReceiptsAsync(stoppingToken));

    private async Task DrainInboundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var inbound in ingress.Inbound.Reader.ReadAllAsync(cancellationToken))
            {
                if (reassembly.Add(inbound) is { } whole)
                {
                    await StoreAsync(whole, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepReassemblyAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(ReassemblySweep, time, cancellationToken);
                foreach (var incomplete in reassembly.TakeExpired())
                {
                    SmsLog.IncompleteConcatenation(logger, incomplete.Concatenation!.Value.Reference);
                    await StoreAsync(incomplete, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task StoreAsync(InboundMessage inbound, CancellationToken cancellationToken)
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
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            SmsLog.IngressFailed(logger, exception);
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

    private async Task ApplyWithRetryAsync(CarrierReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < ReceiptRetries; attempt++)
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    if (await scope.ServiceProvider.GetRequiredService<ReceiptProcessor>().ApplyAsync(receipt, cancellationToken))
                    {
                        return;
                    }
                }

                await Task.Delay(ReceiptRetryDelay, time, cancellationToken);
            }

            SmsLog.UnmatchedReceipt(logger, receipt.Receipt.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            SmsLog.IngressFailed(logger, exception);
        }
    }
}
