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
/// before it is dropped. Each item's <see cref="IngressItem{T}.Stored"/> completes after its database write, which is
/// when the carrier sends deliver_sm_resp.
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
            await foreach (var item in ingress.Inbound.Reader.ReadAllAsync(cancellationToken))
            {
                if (reassembly.Add(item) is { } whole)
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
                    SmsLog.IncompleteConcatenation(logger, incomplete.Message.Concatenation!.Value.Reference);
                    await StoreAsync(incomplete, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stores the message, then lets the carrier acknowledge its parts (a failure makes the SMSC redeliver them).</summary>
    private async Task StoreAsync(InboundReassembly.Joined whole, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var received = await scope.ServiceProvider.GetRequiredService<InboundProcessor>().ProcessAsync(whole.Message, cancellationToken);
            if (received is null)
            {
                SmsLog.UnknownDestination(logger, whole.Message.Destination.Address);
            }
            else
            {
                MessageReceived?.Invoke(this, received);
            }

            foreach (var item in whole.Items)
            {
                item.MarkStored();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or DbUpdateException or OperationCanceledException)
        {
            SmsLog.IngressFailed(logger, exception);
            foreach (var item in whole.Items)
            {
                item.MarkFailed(exception);
            }
        }
    }

    private async Task DrainReceiptsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in ingress.Receipts.Reader.ReadAllAsync(cancellationToken))
            {
                _ = ApplyWithRetryAsync(item, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyWithRetryAsync(IngressItem<CarrierReceipt> item, CancellationToken cancellationToken)
    {
        var receipt = item.Value;
        try
        {
            for (var attempt = 0; attempt < ReceiptRetries; attempt++)
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    if (await scope.ServiceProvider.GetRequiredService<ReceiptProcessor>().ApplyAsync(receipt, cancellationToken))
                    {
                        item.MarkStored();
                        return;
                    }
                }

                await Task.Delay(ReceiptRetryDelay, time, cancellationToken);
            }

            // Matches no message of ours: acknowledged and dropped (redelivery would not make it match).
            SmsLog.UnmatchedReceipt(logger, receipt.Receipt.MessageId);
            item.MarkStored();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or DbUpdateException or OperationCanceledException)
        {
            // Not stored: the SMSC is answered ESME_RX_T_APPN and delivers the receipt again.
            SmsLog.IngressFailed(logger, exception);
            item.MarkFailed(exception);
        }
    }
}
