using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Data;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Sends queued messages: claims a batch of outbox entries (leased, SKIP LOCKED, so several workers can run), loads
/// the batch's messages, conversations and numbers with one query each per workspace, submits them all through the
/// carrier's window at once, and records every outcome (carrier ids, removed entries, events) in one SaveChanges per
/// workspace. <see cref="SmsOptions.Rounds"/> rounds run at once so one batch's save overlaps the next one's submits.
/// Transient errors are retried with exponential backoff; permanent ones mark the message failed with the carrier's
/// reason.
/// </summary>
public sealed class SmsOutboxWorker(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    SmsCarrierRouter carriers,
    SmsOptions options,
    SmsOutboxSignal signal,
    TimeProvider time,
    ILogger<SmsOutboxWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (carriers.Carriers.Count == 0)
        {
            // No carrier configured (Sms:Carriers): messages stay queued rather than failing for want of a route.
            SmsLog.NoCarrier(logger);
            return Task.CompletedTask;
        }

        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Rounds)).Select(_ => RunLoopAsync(stoppingToken)));
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        // An empty outbox is polled at PollInterval, doubling up to IdlePollInterval, so an idle worker costs next to
        // nothing; a message queued in this process (or announced by NOTIFY) wakes it at once.
        var idle = options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next();
            try
            {
                if (await RunRoundAsync(stoppingToken) >= options.BatchSize)
                {
                    idle = options.PollInterval;
                    continue;
                }

                await Task.WhenAny(wake, Task.Delay(idle, time, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                idle = wake.IsCompleted ? options.PollInterval : Min(idle * 2, options.IdlePollInterval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or DbUpdateException or InvalidOperationException)
            {
                SmsLog.RoundFailed(logger, exception);
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Claims one batch and sends it; returns how many entries were claimed.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var claimed = await OutboxClaim.ClaimAsync(dataSource, time.GetUtcNow(), options.Lease, options.BatchSize, cancellationToken);
        await Task.WhenAll(claimed.GroupBy(e => e.WorkspaceId).Select(group => SendBatchAsync(group.Key, [.. group], cancellationToken)));
        return claimed.Count;
    }

    private async Task SendBatchAsync(Guid workspaceId, List<ClaimedEntry> claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var batch = await OutboxBatch.LoadAsync(db, claimed, cancellationToken);
        var results = new RoutedSubmitResult?[batch.Items.Count];

        // Once submitted, the outcome must be recorded even when the worker is stopping: abandoning an in-flight
        // submit_sm would leave its entry to be claimed again after the lease and sent again.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = CancellationToken.None },
            async (i, _) => results[i] = await SubmitAsync(batch.Items[i], cancellationToken));

        var now = time.GetUtcNow();
        for (var i = 0; i < batch.Items.Count; i++)
        {
            if (results[i] is { } result)
            {
                Record(db, batch.Items[i], result, now);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<RoutedSubmitResult?> SubmitAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (item.Message is not { Status: MessageStatus.Queued } || cancellationToken.IsCancellationRequested)
        {
            // Settled already (removed in Record), or stopping before this one went out (the lease brings it back).
            return null;
        }

        // The message id is the client reference: a resubmission after an unknown outcome (lost connection, or this
        // process killed between submit_sm_resp and the save) carries the same reference, so the SMSC answers with the
        // first message id instead of delivering twice.
        var submission = new SmsSubmission(SmppAddress.International(item.From!), SmppAddress.International(item.Conversation!.Participant.Value), item.Message.Body.Value)
        {
            ClientReference = item.Message.Id.ToString("N"),
        };
        return await carriers.SubmitAsync(item.From!, submission, CancellationToken.None);
    }

    private void Record(PhonePlatformDbContext db, OutboxItem item, RoutedSubmitResult routed, DateTimeOffset now)
    {
        var (message, conversation, outbox) = (item.Message!, item.Conversation!, item.Outbox);
        var (carrier, result) = routed;
        if (result.Succeeded)
        {
            message.Status = MessageStatus.Sent;
            message.SentAt = now;
            message.Carrier = carrier;
            message.CarrierMessageId = result.MessageId;
            message.CarrierMessageIds = string.Join(' ', result.MessageIds);
            db.Remove(outbox);
            db.Add(MessageEvents.Create(WorkspaceEventTypes.MessageSent, message, conversation, item.From!, now));
        }
        else if (result.Error!.IsTransient && item.Claim.Attempts < options.MaxAttempts)
        {
            var retryAt = now + RetryDelay(item.Claim.Attempts);
            outbox.NextAttemptAt = retryAt;
            outbox.LeaseUntil = null;
            outbox.LastError = result.Error.StatusName;
            SmsLog.TransientFailure(logger, message.Id, result.Error.StatusName, item.Claim.Attempts, retryAt);
        }
        else
        {
            message.Status = MessageStatus.Failed;
            message.FailedAt = now;
            message.FailureReason = result.Error.StatusName;
            message.Carrier = carrier;
            db.Remove(outbox);
            db.Add(MessageEvents.Create(WorkspaceEventTypes.MessageFailed, message, conversation, item.From!, now));
            SmsLog.PermanentFailure(logger, message.Id, result.Error.StatusName);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.InitialRetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay;
    }
}
