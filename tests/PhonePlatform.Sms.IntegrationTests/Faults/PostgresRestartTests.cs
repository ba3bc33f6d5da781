using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests.Faults;

/// <summary>
/// Fault injection: the database restarts (every pooled connection cut) while messages are being accepted and the
/// outbox worker is submitting them. Sends that fail during the outage are retried as an API client would; afterwards
/// every accepted message must reach the SMSC exactly once and be marked sent, and the worker must have reconnected.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Count = 120;

    [Fact]
    public async Task PostgresRestartedWhileMessagesFlow_EveryAcceptedMessageSubmittedOnce()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var stack = await SmsStack.StartAsync(postgresAdmin: postgres.AdminConnectionString);
        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);

        var failedAttempts = 0;
        Task? restart = null;
        for (var i = 0; i < Count; i++)
        {
            if (i == Count / 3)
            {
                await stack.Smsc.WaitForAsync(s => s.Accepted >= 10);
                restart = postgres.RestartAsync();
            }

            while (true)
            {
                try
                {
                    var outcome = await stack.SendAsync("+14155550123", $"restart test {i}");
                    Assert.Equal(SendRefusal.None, outcome.Refusal);
                    break;
                }
                catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    // What the API answers 5xx for while the database is down; the client retries.
                    failedAttempts++;
                    await Task.Delay(100);
                }
            }
        }

        await restart!;
        var messages = await stack.WaitForMessagesAsync(m => m.Count >= Count && m.All(x => x.Status is MessageStatus.Sent or MessageStatus.Delivered), seconds: 90);
        await worker.StopAsync(CancellationToken.None);

        var stats = await stack.Smsc.StatsAsync();
        Assert.True(failedAttempts > 0 || stats.Accepted == Count, "the restart never disturbed a send");
        Assert.Equal(Count, messages.Count);
        Assert.Equal(Count, stats.Messages.Select(m => m.Text).Distinct().Count());
        Assert.Equal(Count, stats.Accepted);
    }
}
