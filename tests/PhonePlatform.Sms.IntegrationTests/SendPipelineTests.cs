using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>Outbound: SendMessage → outbox → worker → SMSC simulator → receipt → delivered.</summary>
public sealed class SendPipelineTests
{
    private const string Recipient = "+14155550123";

    [Fact]
    public async Task Send_SmscAcceptsAndReceipts_MessageDeliveredOnceAndBodyEncrypted()
    {
        await using var stack = await SmsStack.StartAsync();
        const string body = "Your table for two is ready";
        var outcome = await stack.SendAsync(Recipient, body);
        Assert.Equal(SendRefusal.None, outcome.Refusal);
        Assert.Equal(1, outcome.Accepted!.Segments);

        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        var messages = await stack.WaitForMessagesAsync(m => m.Single().Status == MessageStatus.Delivered);
        await worker.StopAsync(CancellationToken.None);

        var message = messages.Single();
        Assert.Equal(body, message.Body.Value);
        Assert.NotNull(message.CarrierMessageId);
        Assert.NotNull(message.SentAt);
        Assert.NotNull(message.DeliveredAt);
        var stats = await stack.Smsc.StatsAsync();
        var submit = Assert.Single(stats.Messages);
        Assert.Equal(Recipient.TrimStart('+'), submit.Destination);
        Assert.Equal(SmsStack.WorkspaceNumber.TrimStart('+'), submit.Source);
        Assert.Equal(body, submit.Text);
        Assert.Equal(0, await CountAsync(stack, """SELECT count(*) FROM "SmsOutbox" """));

        // message.sent and message.delivered were written with the status changes (transactional outbox).
        var events = await stack.QueryAsync(db => db.WorkspaceEvents.OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["message.sent", "message.delivered"], events.Select(e => e.Type));
        using var delivered = JsonDocument.Parse(events[1].Data.Value);
        Assert.Equal(message.Id, delivered.RootElement.GetProperty("messageId").GetGuid());
        Assert.Equal(stack.NumberId, delivered.RootElement.GetProperty("numberId").GetGuid());
        Assert.Equal(Recipient, delivered.RootElement.GetProperty("to").GetString());
        Assert.Equal("delivered", delivered.RootElement.GetProperty("status").GetString());
        Assert.Equal(message.Id.ToString("N"), submit.ClientReference);

        // At rest: neither the body nor the participant number appears in the stored rows.
        var rawBody = await ScalarAsync<byte[]>(stack, """SELECT "Body" FROM "Messages" """);
        Assert.False(Contains(rawBody, Encoding.UTF8.GetBytes("table for two")));
        var rawParticipant = await ScalarAsync<byte[]>(stack, """SELECT "Participant" FROM "Conversations" """);
        Assert.False(Contains(rawParticipant, Encoding.UTF8.GetBytes("4155550123")));
    }

    [Fact]
    public async Task Send_LongUcs2Body_PlannedSegmentsAllSubmittedAsUcs2()
    {
        await using var stack = await SmsStack.StartAsync();
        var body = string.Concat(Enumerable.Repeat("Привет, мир! ", 12)); // 156 Cyrillic units: UCS-2, 3 × 67
        var outcome = await stack.SendAsync(Recipient, body);
        Assert.Equal(3, outcome.Accepted!.Segments);
        Assert.Equal("Ucs2", outcome.Accepted.Encoding);

        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        await stack.WaitForMessagesAsync(m => m.Single().Status == MessageStatus.Delivered);
        await worker.StopAsync(CancellationToken.None);

        var stats = await stack.Smsc.StatsAsync();
        Assert.Equal(3, stats.Messages.Count);
        Assert.All(stats.Messages, s => Assert.Equal(8, s.DataCoding));
        Assert.All(stats.Messages, s => Assert.Equal(0x40, s.EsmClass & 0x40));
        var stored = Assert.Single(await stack.MessagesAsync());
        Assert.Equal(3, stored.CarrierMessageIds!.Split(' ').Length);
    }

    [Fact]
    public async Task Send_InvalidDestination_RefusedAndNothingQueued()
    {
        await using var stack = await SmsStack.StartAsync();
        var outcome = await stack.SendAsync("0155 not a number", "hi");
        Assert.Equal(SendRefusal.InvalidDestination, outcome.Refusal);
        Assert.Empty(await stack.MessagesAsync());
    }

    [Fact]
    public async Task Send_SmscThrottles_RetriedUntilAcceptedWithoutDuplicates()
    {
        await using var stack = await SmsStack.StartAsync(new SmsOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        await stack.Smsc.CommandAsync("throttle?count=12");
        for (var i = 0; i < 5; i++)
        {
            await stack.SendAsync(Recipient, $"throttled {i}");
        }

        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        await stack.WaitForMessagesAsync(m => m.Count == 5 && m.All(x => x.Status == MessageStatus.Delivered));
        await worker.StopAsync(CancellationToken.None);

        var stats = await stack.Smsc.StatsAsync();
        Assert.Equal(12, stats.Throttled);
        Assert.Equal(5, stats.Accepted);
        Assert.Equal(5, stats.Messages.Where(m => m.Status != "throttled").Select(m => m.Text).Distinct().Count());
    }

    [Fact]
    public async Task Worker_StoppedMidFlightAndReplaced_EveryMessageSubmittedExactlyOnce()
    {
        const int count = 60;
        await using var stack = await SmsStack.StartAsync(new SmsOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            BatchSize = 5,
            Concurrency = 5,
            Lease = TimeSpan.FromSeconds(2),
        });
        for (var i = 0; i < count; i++)
        {
            await stack.SendAsync(Recipient, $"message {i}");
        }

        using var first = stack.NewWorker();
        using (var kill = new CancellationTokenSource())
        {
            await first.StartAsync(kill.Token);
            await stack.Smsc.WaitForAsync(s => s.Accepted >= 10);
            await kill.CancelAsync();
            await first.StopAsync(CancellationToken.None);
        }

        Assert.True((await stack.Smsc.StatsAsync()).Accepted < count, "the first worker finished before it was stopped");
        using var second = stack.NewWorker();
        using var third = stack.NewWorker();
        await second.StartAsync(CancellationToken.None);
        await third.StartAsync(CancellationToken.None);
        await stack.WaitForMessagesAsync(m => m.Count == count && m.All(x => x.Status == MessageStatus.Delivered));
        await second.StopAsync(CancellationToken.None);
        await third.StopAsync(CancellationToken.None);

        var texts = (await stack.Smsc.StatsAsync()).Messages.Select(m => m.Text).ToList();
        Assert.Equal(count, texts.Count);
        Assert.Equal(count, texts.Distinct().Count());
    }

    private static async Task<long> CountAsync(SmsStack stack, string sql) => await ScalarAsync<long>(stack, sql);

    private static async Task<T> ScalarAsync<T>(SmsStack stack, string sql)
    {
        await using var connection = new NpgsqlConnection(stack.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
