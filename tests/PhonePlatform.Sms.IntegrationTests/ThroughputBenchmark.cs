using System.Diagnostics;
using System.Globalization;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;
using Xunit.Abstractions;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>
/// Messages per second from accept (the <see cref="SendMessage"/> use case the API runs: validation, blind-index
/// lookup, encrypted message + outbox row in one transaction) to the SMSC's submit_sm_resp, with the outbox workers
/// sending while messages are accepted. Also a test: nothing may be lost or doubled. Size it with
/// PHONEPLATFORM_SMS_BENCH_COUNT (default 1,000; docs/benchmarks.md has the command and figures).
/// </summary>
public sealed class ThroughputBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task AcceptToSubmitSmResp_AllMessagesOnce_ReportsMessagesPerSecond()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("PHONEPLATFORM_SMS_BENCH_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 1000;
        await using var stack = await SmsStack.StartAsync(new SmsOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            BatchSize = 200,
            Concurrency = 10,
        });
        await stack.Smsc.CommandAsync("record?enabled=0");
        await stack.Smsc.CommandAsync("receipts?enabled=0");
        using var worker1 = stack.NewWorker();
        using var worker2 = stack.NewWorker();
        await worker1.StartAsync(CancellationToken.None);
        await worker2.StartAsync(CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var outcome = await stack.SendAsync("+1415555" + (1000 + (i % 9000)).ToString(CultureInfo.InvariantCulture), $"Benchmark message {i}");
                Assert.Equal(SendRefusal.None, outcome.Refusal);
            }
        }));
        var accepted = clock.Elapsed;
        await stack.Smsc.WaitForAsync(s => s.Accepted >= count, seconds: 600);
        var submitted = clock.Elapsed;
        await worker1.StopAsync(CancellationToken.None);
        await worker2.StopAsync(CancellationToken.None);

        var stats = await stack.Smsc.StatsAsync();
        Assert.Equal(count, stats.Accepted);
        var messages = await stack.WaitForMessagesAsync(m => m.Count == count && m.All(x => x.Status == MessageStatus.Sent), seconds: 60);
        Assert.Equal(count, messages.Select(m => m.CarrierMessageId).Distinct().Count());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"messages={count} accept={accepted.TotalSeconds:F2}s ({count / accepted.TotalSeconds:F0}/s) accept→submit_sm_resp={submitted.TotalSeconds:F2}s ({count / submitted.TotalSeconds:F0} msg/s end to end)"));
    }
}
