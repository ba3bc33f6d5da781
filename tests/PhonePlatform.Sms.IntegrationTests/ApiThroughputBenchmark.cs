using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using PhonePlatform.Sms.IntegrationTests.Support;
using Xunit.Abstractions;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>
/// The issue 7 figure, over the real host: <c>POST /v1/messages</c> over HTTP (session authentication, number access,
/// encrypted message + outbox row in one transaction per message) into a <c>PhonePlatform.Api --role api,sms</c>
/// process whose outbox worker submits to the SMSC simulator. Reports messages per second accepted (202) and
/// acknowledged by the SMSC (submit_sm_resp), the SMSC's own count, and CPU time per message of the host, the
/// PostgreSQL backends and the simulator. Also a test: the SMSC must accept every message exactly once and every
/// message must end Sent with its own carrier id. Size with PHONEPLATFORM_SMS_BENCH_COUNT (default 2,000) and
/// PHONEPLATFORM_SMS_BENCH_CALLERS (default 32); <c>deploy/load/sms-throughput.sh</c> runs it.
/// </summary>
public sealed class ApiThroughputBenchmark(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";
    private const string Number = "+14155550199";

    [Fact]
    public async Task PostMessages_ThroughHostToSmsc_AllOnce_ReportsRatesAndCpu()
    {
        var count = Setting("PHONEPLATFORM_SMS_BENCH_COUNT", 2000);
        var callers = Setting("PHONEPLATFORM_SMS_BENCH_CALLERS", 32);
        await using var stack = await SmsStack.StartAsync();
        await stack.Smsc.CommandAsync("record?enabled=0");
        await stack.Smsc.CommandAsync("receipts?enabled=0");
        var port = FreePort();
        using var host = SmsRoleProcess.Start(stack, stack.Smsc, TimeSpan.FromSeconds(30), "api,sms", port, new Dictionary<string, string>
        {
            ["Auth:AttemptsPerMinutePerIp"] = "1000",
            ["PasswordHashing:MemoryKiB"] = "1024",
            ["PasswordHashing:Iterations"] = "1",
            ["Sms:PollInterval"] = "00:00:00.010",
            ["Sms:BatchSize"] = "200",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(100) };
        await WaitForHostAsync(client);
        await SignInWithNumberAsync(client);
        // Warm-up (JIT, pools, keys) outside the measurement; the SMSC counts it.
        await SendAllAsync(client, 200, Math.Min(callers, 16), "warm-up");
        await stack.Smsc.WaitForAsync(s => s.Accepted >= 200, seconds: 120);

        // Idle cost (pollers of the outbox, events, links) over a few seconds, so the per-message figures can be given
        // net of it: on a slow (loaded) run it would otherwise dominate them.
        var idleStart = (Host: HostCpu(host), Db: await ProcessCpu.PostgresBackendsAsync(stack.Database.ConnectionString));
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idlePerSecond = (HostCpu(host) - idleStart.Host + ProcessCpu.Used(idleStart.Db, await ProcessCpu.PostgresBackendsAsync(stack.Database.ConnectionString)))
            / idleClock.Elapsed.TotalSeconds;

        var cpuBefore = (Host: HostCpu(host), Smsc: stack.Smsc.CpuTime, Db: await ProcessCpu.PostgresBackendsAsync(stack.Database.ConnectionString),
            Client: Process.GetCurrentProcess().TotalProcessorTime);
        var clock = Stopwatch.StartNew();
        await SendAllAsync(client, count, callers, "benchmark");
        var accepted = clock.Elapsed;
        var stats = await stack.Smsc.WaitForAsync(s => s.Accepted >= count + 200, seconds: 600);
        var acknowledged = clock.Elapsed;
        var cpu = (Host: HostCpu(host) - cpuBefore.Host, Smsc: stack.Smsc.CpuTime - cpuBefore.Smsc,
            Db: ProcessCpu.Used(cpuBefore.Db, await ProcessCpu.PostgresBackendsAsync(stack.Database.ConnectionString)),
            Client: Process.GetCurrentProcess().TotalProcessorTime - cpuBefore.Client);

        var (sent, distinctIds) = await SentAsync(stack.Database.ConnectionString, count + 200);
        stats = await stack.Smsc.StatsAsync();
        Assert.Equal(count + 200, stats.Accepted);
        Assert.Equal(count + 200, sent);
        Assert.Equal(count + 200, distinctIds);

        var platform = cpu.Host + cpu.Db + cpu.Smsc;
        var net = platform - (idlePerSecond * acknowledged.TotalSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            messages={count} callers={callers}
            accepted (202): {accepted.TotalSeconds:F2} s = {count / accepted.TotalSeconds:F0} msg/s
            acknowledged by SMSC (submit_sm_resp): {acknowledged.TotalSeconds:F2} s = {count / acknowledged.TotalSeconds:F0} msg/s
            SMSC count: accepted={stats.Accepted} (incl. 200 warm-up) submits={stats.Submits} duplicates={stats.Duplicates}; messages Sent={sent}, distinct carrier ids={distinctIds}
            CPU per message: host {Micro(cpu.Host, count)} µs, PostgreSQL {Micro(cpu.Db, count)} µs, SMSC simulator {Micro(cpu.Smsc, count)} µs, total {Micro(platform, count)} µs (= {count / platform.TotalSeconds:F0} msg per CPU-second); load client {Micro(cpu.Client, count)} µs
            CPU per message net of idle ({idlePerSecond.TotalMilliseconds:F0} ms CPU per second idle, host + PostgreSQL): {Micro(net, count)} µs (= {count / net.TotalSeconds:F0} msg per CPU-second)
            """));
    }

    private static double Micro(TimeSpan cpu, int count) => Math.Round(cpu.TotalMicroseconds / count);

    private static TimeSpan HostCpu(SmsRoleProcess host)
    {
        host.Process.Refresh();
        return host.Process.TotalProcessorTime;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForHostAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the host never answered /healthz");
            }

            await Task.Delay(100);
        }
    }

    private static async Task SignInWithNumberAsync(HttpClient client)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.org";
        (await client.PostAsJsonAsync("v1/signup", new { email, password = Password, workspaceName = "Bench" })).EnsureSuccessStatusCode();
        using var login = await client.PostAsJsonAsync("v1/sessions", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsJsonAsync("v1/numbers", new { e164 = Number, label = "bench" })).EnsureSuccessStatusCode();
    }

    private static async Task SendAllAsync(HttpClient client, int count, int callers, string text)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var to = "+1415556" + (1000 + (i % 9000)).ToString(CultureInfo.InvariantCulture);
                using var response = await client.PostAsJsonAsync("v1/messages", new { from = Number, to, body = $"{text} message {i}" });
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST /v1/messages: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }

    private static async Task<(long Sent, long DistinctIds)> SentAsync(string connectionString, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                """SELECT count(*), count(DISTINCT "CarrierMessageId") FROM "Messages" m JOIN "Conversations" c ON c."Id" = m."ConversationId" JOIN "PhoneNumbers" n ON n."Id" = c."PhoneNumberId" WHERE n."E164" = @n AND m."Status" = 'Sent'""",
                connection);
            command.Parameters.AddWithValue("n", Number);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var result = (reader.GetInt64(0), reader.GetInt64(1));
            if (result.Item1 >= expected || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }
}
