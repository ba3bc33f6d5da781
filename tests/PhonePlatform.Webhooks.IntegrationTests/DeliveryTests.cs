using System.Text;
using System.Text.Json;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Webhooks.IntegrationTests.Support;

namespace PhonePlatform.Webhooks.IntegrationTests;

/// <summary>Events through fan-out and delivery to a real receiver on loopback, on a fake clock.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task CommittedEvent_IsDeliveredOnce_SignedPerStandardWebhooks()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var created = await stack.SubscribeAsync(receiver.Url, WorkspaceEventTypes.ContactCreated);
        await stack.SubscribeAsync(receiver.Url, WorkspaceEventTypes.CallCompleted); // other type: gets nothing
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { contactId = "c1", name = "Ada" });

        Assert.Equal(1, await stack.DispatchAsync());
        Assert.Equal(0, await stack.DispatchAsync());

        var received = Assert.Single(receiver.Received);
        Assert.True(StandardWebhooksVerifier.Verify(created.Secret, received.Id, received.Timestamp, received.Signature, received.Body, stack.Time.GetUtcNow()));
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("contact.created", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Ada", body.RootElement.GetProperty("data").GetProperty("name").GetString());
        Assert.True(body.RootElement.TryGetProperty("timestamp", out _));

        var delivery = Assert.Single(await stack.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(delivery.MessageId, received.Id);
        var attempt = Assert.Single(await stack.AttemptsAsync(delivery.Id));
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal("ok", attempt.ResponseExcerpt!.Value);
        Assert.Null(attempt.Error);
    }

    [Fact]
    public async Task EventOfRolledBackTransaction_IsNeverDelivered()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        await stack.SubscribeAsync(receiver.Url, WorkspaceEventTypes.ContactCreated, WorkspaceEventTypes.MessageReceived);
        await stack.WithDbAsync(stack.WorkspaceId, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.WorkspaceEvents.Add(WorkspaceEvent.Create(stack.WorkspaceId, WorkspaceEventTypes.MessageReceived, new { body = "rolled back" }, stack.Time.GetUtcNow()));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "committed" });

        await stack.DispatchAsync();

        var received = Assert.Single(receiver.Received);
        Assert.Contains("committed", Encoding.UTF8.GetString(received.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(await stack.DeliveriesAsync(), d => d.EventType == WorkspaceEventTypes.MessageReceived);
    }

    [Fact]
    public async Task ConcurrentFanOuts_QueueEachEventOnce()
    {
        await using var stack = await WebhookStack.StartAsync(new() { ["Webhooks:FanOutBatchSize"] = "5" });
        await using var receiver = await TestReceiver.StartAsync();
        await stack.SubscribeAsync(receiver.Url, WorkspaceEventTypes.ContactCreated);
        for (var i = 0; i < 40; i++)
        {
            await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { n = i });
        }

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            while (await stack.FanOut.RunOnceAsync(CancellationToken.None) is var n and > 0)
            {
                total += n;
            }

            return total;
        })));

        Assert.Equal(40, counts.Sum());
        Assert.Equal(40, (await stack.DeliveriesAsync()).Select(d => d.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Endpoint500_IsRetriedWithExponentialBackoffAndJitter_UntilItSucceeds()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? 500 : 204);
        await stack.SubscribeAsync(receiver.Url);
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "retry" });

        Assert.Equal(1, await stack.DispatchAsync());
        var first = Assert.Single(await stack.DeliveriesAsync());
        AssertDelay(first.NextAttemptAt - stack.Time.GetUtcNow(), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await stack.DispatchAsync()); // not due yet

        stack.Time.SetUtcNow(first.NextAttemptAt);
        Assert.Equal(1, await stack.DispatchAsync());
        var second = Assert.Single(await stack.DeliveriesAsync());
        AssertDelay(second.NextAttemptAt - stack.Time.GetUtcNow(), TimeSpan.FromSeconds(10));

        stack.Time.SetUtcNow(second.NextAttemptAt);
        Assert.Equal(1, await stack.DispatchAsync());
        var done = Assert.Single(await stack.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Succeeded, done.Status);
        Assert.Equal([500, 500, 204], (await stack.AttemptsAsync(done.Id)).Select(a => a.StatusCode));
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct()); // the same webhook-id on every attempt
    }

    [Fact]
    public async Task EndpointThatNeverAnswers_TimesOutOnTheClock_AndIsRetried()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = async (_, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return 200;
        };
        await stack.SubscribeAsync(receiver.Url);
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "slow" });
        await stack.FanOut.RunOnceAsync(CancellationToken.None);

        var round = stack.Deliverer.RunOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => !receiver.Received.IsEmpty);
        Assert.False(round.IsCompleted);
        stack.Time.Advance(stack.Options.Timeout);
        await round.WaitAsync(TimeSpan.FromSeconds(30));

        var delivery = Assert.Single(await stack.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        var attempt = Assert.Single(await stack.AttemptsAsync(delivery.Id));
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("timeout", attempt.Error, StringComparison.Ordinal);
        Assert.True(delivery.NextAttemptAt > stack.Time.GetUtcNow());
    }

    [Fact]
    public async Task EndpointFailingFor24Hours_IsMarkedFailed_AfterBackoffWithinTheWindow()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(503);
        await stack.SubscribeAsync(receiver.Url);
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "down" });
        var start = stack.Time.GetUtcNow();

        await stack.DispatchAsync();
        WebhookDelivery delivery;
        while ((delivery = Assert.Single(await stack.DeliveriesAsync())).Status == WebhookDeliveryStatus.Pending)
        {
            stack.Time.SetUtcNow(delivery.NextAttemptAt);
            Assert.Equal(1, await stack.DispatchAsync());
        }

        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        var attempts = await stack.AttemptsAsync(delivery.Id);
        Assert.InRange(attempts.Count, 14, 30); // 5 s doubling to a 2 h cap fills 24 h in about 20 attempts
        Assert.True(attempts[^1].AttemptedAt <= start + TimeSpan.FromHours(24));
        Assert.True(attempts[^1].AttemptedAt >= start + TimeSpan.FromHours(20));
        Assert.Equal(attempts.Count, receiver.Received.Count);
    }

    [Fact]
    public async Task Endpoint410Gone_DisablesTheSubscription_AndStopsDelivery()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(410);
        var created = await stack.SubscribeAsync(receiver.Url);
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "gone" });

        await stack.DispatchAsync();
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "after" });
        stack.Time.Advance(TimeSpan.FromHours(1));
        await stack.DispatchAsync();

        Assert.Single(receiver.Received);
        var subscription = await stack.WithDbAsync(db => Task.FromResult(db.WebhookSubscriptions.Single(s => s.Id == created.Subscription.Id)));
        Assert.False(subscription.Enabled);
        Assert.Contains("410", subscription.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(WebhookDeliveryStatus.Failed, Assert.Single(await stack.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task Redirect_IsAFailedAttempt_NotFollowed()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, context) =>
        {
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data";
            return Task.FromResult(307);
        };
        await stack.SubscribeAsync(receiver.Url);
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "redirect" });

        await stack.DispatchAsync();

        var delivery = Assert.Single(await stack.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(307, Assert.Single(await stack.AttemptsAsync(delivery.Id)).StatusCode);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }

    private static void AssertDelay(TimeSpan actual, TimeSpan nominal) =>
        Assert.InRange(actual, nominal * 0.75 - TimeSpan.FromMilliseconds(1), nominal * 1.25 + TimeSpan.FromMilliseconds(1));
}
