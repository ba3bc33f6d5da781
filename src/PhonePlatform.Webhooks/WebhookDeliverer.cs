using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;
using PhonePlatform.Webhooks.Internal;

namespace PhonePlatform.Webhooks;

/// <summary>
/// Delivers due messages: claims a batch, sends up to <see cref="WebhookOptions.Concurrency"/> at once, and records
/// each attempt. 2xx completes the delivery; 410 Gone disables the subscription (Standard Webhooks); anything else
/// (other status, timeout, refused destination) is retried with backoff until the retry window closes.
/// </summary>
public sealed class WebhookDeliverer(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, WebhookSender sender, WebhookRetrySchedule schedule,
    WebhookOptions options, TimeProvider time, ILogger<WebhookDeliverer> logger)
{
    /// <summary>One round; returns the number of attempts made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await DeliveryClaim.ClaimAsync(dataSource, time.GetUtcNow(), options.Lease, options.BatchSize, cancellationToken);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (delivery, token) => await AttemptAsync(delivery, token));
        return claimed.Count;
    }

    private async Task AttemptAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(claimed.WorkspaceId);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == claimed.Id, cancellationToken);
        var subscription = await db.WebhookSubscriptions.SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        var now = time.GetUtcNow();
        var secrets = (await db.WebhookSecrets.AsNoTracking().Where(s => s.SubscriptionId == subscription.Id).ToListAsync(cancellationToken))
            .Where(s => s.IsValidAt(now)).OrderByDescending(s => s.CreatedAt).Select(s => s.Key.Value).ToList();

        var result = await sender.SendAsync(new Uri(subscription.Url), delivery.MessageId, delivery.Payload.Value, secrets, cancellationToken);
        var finished = time.GetUtcNow();
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            AttemptedAt = now,
            StatusCode = result.StatusCode,
            DurationMs = (int)Math.Min(result.Duration.TotalMilliseconds, int.MaxValue),
            Error = result.Error,
            ResponseExcerpt = result.ResponseExcerpt is null ? null : EncryptedText.From(result.ResponseExcerpt),
        });
        delivery.Attempts++;
        delivery.LeaseUntil = null;
        if (result.Succeeded)
        {
            (delivery.Status, delivery.CompletedAt) = (WebhookDeliveryStatus.Succeeded, finished);
        }
        else if (result.EndpointGone)
        {
            (delivery.Status, delivery.CompletedAt) = (WebhookDeliveryStatus.Failed, finished);
            (subscription.Enabled, subscription.DisabledReason) = (false, "The endpoint answered 410 Gone.");
            WebhookLog.Disabled(logger, subscription.Id);
        }
        else if (schedule.NextAttempt(delivery.CreatedAt, finished, delivery.Attempts, Random.Shared.NextDouble()) is { } next)
        {
            delivery.NextAttemptAt = next;
        }
        else
        {
            (delivery.Status, delivery.CompletedAt) = (WebhookDeliveryStatus.Failed, finished);
            WebhookLog.GaveUp(logger, delivery.Id, delivery.Attempts);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
