using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>The pipeline against a misbehaving SMSC: dropped links, refused credentials, a carrier that goes away.</summary>
public sealed class PipelineRobustnessTests
{
    private const string Recipient = "+14155550123";

    private static SmsOptions FastRetries() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        InitialRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        BatchSize = 20,
        Concurrency = 10,
    };

    [Fact]
    public async Task SmscDropsTheLinkMidWindow_NothingLostNothingDoubledByTheSmscsCount()
    {
        const int count = 40;
        await using var stack = await SmsStack.StartAsync(FastRetries());
        // Answer 10, then take 5 more without answering (the SMSC holds them: outcome unknown to us) and drop the link.
        await stack.Smsc.CommandAsync("drop?answer=10&hold=5");
        for (var i = 0; i < count; i++)
        {
            await stack.SendAsync(Recipient, $"windowed {i}");
        }

        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        var messages = await stack.WaitForMessagesAsync(m => m.Count == count && m.All(x => x.Status == MessageStatus.Delivered));
        await worker.StopAsync(CancellationToken.None);

        var stats = await stack.Smsc.StatsAsync();
        // Several PDUs of one TCP read can pass the hold before the drop runs: at least the 5 go unanswered.
        Assert.True(stats.Drops >= 1, "the SMSC dropped the link");
        Assert.True(stats.Withheld >= 5, $"withheld {stats.Withheld}");
        // The withheld ones were resubmitted under their client reference: the SMSC accepted each once.
        Assert.Equal(count, stats.Accepted);
        var accepted = stats.Messages.Where(m => m.Status == "accepted").ToList();
        Assert.Equal(count, accepted.Count);
        Assert.Equal(count, accepted.Select(m => m.ClientReference).Distinct().Count());
        Assert.Equal(count, accepted.Select(m => m.Text).Distinct().Count());
        Assert.Equal(count, messages.Select(m => m.CarrierMessageId).Distinct().Count());
    }

    [Fact]
    public async Task WrongCredentials_ClearFailureMessagesStayQueued_DeliveredOnceCredentialsAreFixed()
    {
        await using var stack = await SmsStack.StartAsync(FastRetries(), password: "wrong", waitForBind: false);
        for (var i = 0; i < 3; i++)
        {
            await stack.SendAsync(Recipient, $"waiting {i}");
        }

        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        await stack.Smsc.WaitForAsync(s => s.BindFailures >= 1);
        var carrier = (SmppCarrier)stack.Router.Carriers[0].Carrier;
        await SmsStack.WaitUntilAsync(() => carrier.LastBindError is not null, "bind error recorded");
        Assert.Contains("bind refused", carrier.LastBindError, StringComparison.Ordinal);
        await Task.Delay(500);
        var queued = await stack.MessagesAsync();
        Assert.All(queued, m => Assert.Equal(MessageStatus.Queued, m.Status));
        Assert.Equal(0, (await stack.Smsc.StatsAsync()).Submits);

        // The carrier fixes the account (here: the SMSC starts accepting the password we send); the bind retry succeeds.
        await stack.Smsc.CommandAsync("credentials?password=wrong");
        await stack.WaitForMessagesAsync(m => m.All(x => x.Status == MessageStatus.Delivered));
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(3, (await stack.Smsc.StatsAsync()).Accepted);
    }

    [Fact]
    public async Task PrimaryCarrierStopped_MessagesFailOverToTheSecond()
    {
        await using var stack = await SmsStack.StartAsync(FastRetries(), carriers: 2);
        await stack.SendAsync(Recipient, "via a");
        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        await stack.WaitForMessagesAsync(m => m.Single().Status == MessageStatus.Delivered);

        await stack.Smscs[0].DisposeAsync();
        await SmsStack.WaitUntilAsync(() => !stack.Router.Carriers[0].Carrier.IsAvailable, "carrier-a down");
        for (var i = 0; i < 5; i++)
        {
            await stack.SendAsync(Recipient, $"via b {i}");
        }

        var messages = await stack.WaitForMessagesAsync(m => m.Count == 6 && m.All(x => x.Status == MessageStatus.Delivered));
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(SmsStack.CarrierName(0), messages[0].Carrier);
        Assert.All(messages.Skip(1), m => Assert.Equal(SmsStack.CarrierName(1), m.Carrier));
        Assert.Equal(5, (await stack.Smscs[1].StatsAsync()).Accepted);
    }

    [Fact]
    public async Task NumberOverride_RoutesToItsCarrier()
    {
        var options = FastRetries();
        options.NumberCarriers[SmsStack.WorkspaceNumber] = SmsStack.CarrierName(1);
        await using var stack = await SmsStack.StartAsync(options, carriers: 2);
        await stack.SendAsync(Recipient, "routed");
        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        var message = (await stack.WaitForMessagesAsync(m => m.Single().Status == MessageStatus.Delivered)).Single();
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(SmsStack.CarrierName(1), message.Carrier);
        Assert.Equal(0, (await stack.Smscs[0].StatsAsync()).Submits);
    }

    [Fact]
    public async Task ConcatenatedInbound_PartsOutOfOrder_StoredAsOneMessage()
    {
        await using var stack = await SmsStack.StartAsync();
        await DeliverPartAsync(stack, "world, ", "42,3,2");
        await DeliverPartAsync(stack, "again!", "42,3,3");
        await DeliverPartAsync(stack, "Hello ", "42,3,1");
        var message = (await stack.WaitForMessagesAsync(m => m.Count == 1)).Single();
        Assert.Equal("Hello world, again!", message.Body.Value);
        Assert.Equal(3, message.Segments);
        var events = await stack.QueryAsync(db => db.WorkspaceEvents.Select(e => e.Type).ToListAsync());
        Assert.Equal(["message.received"], events);
    }

    [Fact]
    public async Task ConcatenatedInbound_PartMissing_PartsPresentStoredAfterTheTimeout()
    {
        await using var stack = await SmsStack.StartAsync(new SmsOptions { PollInterval = TimeSpan.FromMilliseconds(20), ReassemblyTimeout = TimeSpan.FromSeconds(1) });
        await DeliverPartAsync(stack, "first ", "7,3,1");
        await DeliverPartAsync(stack, "third", "7,3,3");
        await Task.Delay(300);
        Assert.Empty(await stack.MessagesAsync());
        var message = (await stack.WaitForMessagesAsync(m => m.Count == 1)).Single();
        Assert.Equal("first third", message.Body.Value);
    }

    private static Task DeliverPartAsync(SmsStack stack, string text, string part) =>
        stack.Smsc.CommandAsync(
            $"deliver?from=14155550177&to={SmsStack.WorkspaceNumber.TrimStart('+')}&text={Uri.EscapeDataString(text)}&part={part}");
}
