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
/// Sends queued messages: claims outbox entries (leased, SKIP LOCKED, so several workers can run), submits each to the
/// carrier, records the carrier's ids and removes the entry in one SaveChanges. Transient errors are retried with
/// exponential backoff; permanent ones mark the message failed with the carrier's reason.
/// </summary>
public sealed class SmsOutboxWorker(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, SmsCarrierRouter carriers, SmsOptions options, TimeProvider time, ILogger<SmsOutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (carriers.Carriers.Count == 0)
        {
            // No carrier configured (Sms:Carriers): messages stay queued rather than failing for want of a route.
            SmsLog.NoCarrier(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunRoundAsync(stoppingToken) == 0)
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
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

    /// <summary>Claims one batch and sends it; returns how many entries were claimed.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var claimed = await OutboxClaim.ClaimAsync(dataSource, time.GetUtcNow(), options.Lease, options.BatchSize, cancellationToken);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (entry, ct) => await SendAsync(entry, ct));
        return claimed.Count;
    }

    private async Task SendAsync(ClaimedEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(entry.WorkspaceId);
        var outbox = await db.Set<SmsOutboxEntry>().FirstOrDefaultAsync(o => o.Id == entry.Id, cancellationToken);
        var message = await db.Set<Message>().FirstOrDefaultAsync(m => m.Id == entry.MessageId, cancellationToken);
        if (outbox is null)
        {
            return;
        }

        if (message is not { Status: MessageStatus.Queued })
        {
            db.Remove(outbox);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var conversation = await db.Set<Conversation>().FirstAsync(c => c.Id == message.ConversationId, cancellationToken);
        var from = await db.PhoneNumbers.Where(n => n.Id == conversation.PhoneNumberId).Select(n => n.E164).FirstAsync(cancellationToken);
        // The message id is the client reference: a resubmission after an unknown outcome (lost connection, or this
        // process killed between submit_sm_resp and the save below) carries the same reference, so the SMSC answers
        // with the first message id instead of delivering twice.
        var submission = new SmsSubmission(SmppAddress.International(from), SmppAddress.International(conversation.Participant.Value), message.Body.Value)
        {
            ClientReference = message.Id.ToString("N"),
        };
        // Once submitted, the outcome must be recorded even when the worker is stopping: abandoning an in-flight
        // submit_sm would leave its entry to be claimed again after the lease and sent again.
        var (carrier, result) = await carriers.SubmitAsync(from, submission, CancellationToken.None);
        var now = time.GetUtcNow();
        if (result.Succeeded)
        {
            message.Status = MessageStatus.Sent;
            message.SentAt = now;
            message.Carrier = carrier;
            message.CarrierMessageId = result.MessageId;
            message.CarrierMessageIds = string.Join(' ', result.MessageIds);
            db.Remove(outbox);
            db.Add(MessageEvents.Create(WorkspaceEventTypes.MessageSent, message, conversation, from, now));
        }
        else if (result.Error!.IsTransient && entry.Attempts < options.MaxAttempts)
        {
            var retryAt = now + RetryDelay(entry.Attempts);
            outbox.NextAttemptAt = retryAt;
            outbox.LeaseUntil = null;
            outbox.LastError = result.Error.StatusName;
            SmsLog.TransientFailure(logger, message.Id, result.Error.StatusName, entry.Attempts, retryAt);
        }
        else
        {
            message.Status = MessageStatus.Failed;
            message.FailedAt = now;
            message.FailureReason = result.Error.StatusName;
            message.Carrier = carrier;
            db.Remove(outbox);
            db.Add(MessageEvents.Create(WorkspaceEventTypes.MessageFailed, message, conversation, from, now));
            SmsLog.PermanentFailure(logger, message.Id, result.Error.StatusName);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.InitialRetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay;
    }
}
