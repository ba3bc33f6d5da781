using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace PhonePlatform.Smpp.Tests.Integration;

/// <summary>
/// Runs tests/smsc-simulator/smsc.js (npm `smpp` as the SMSC) on free loopback ports, drives it through its HTTP
/// control port, and kills it on dispose. Needs node and `npm ci` in tests/smsc-simulator (deploy/test-deps/50-smpp.sh).
/// </summary>
internal sealed class SmscSimulator : IAsyncDisposable
{
    public const string SystemId = "test";
    public const string Password = "secret";

    private readonly Process process;
    private readonly HttpClient control;
    private int disposed;

    private SmscSimulator(Process process, int port, int controlPort)
    {
        this.process = process;
        Port = port;
        control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    /// <summary>CPU time the simulator process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<SmscSimulator> StartAsync(string? tlsKeyPath = null, string? tlsCertPath = null)
    {
        var directory = FindSimulatorDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "smpp")))
        {
            throw new InvalidOperationException($"Run `npm ci` in {directory} (deploy/test-deps/50-smpp.sh) before these tests.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "smsc.js", "--port", "0", "--control-port", "0", "--system-id", SystemId, "--password", Password })
        {
            start.ArgumentList.Add(argument);
        }

        if (tlsKeyPath is not null && tlsCertPath is not null)
        {
            start.ArgumentList.Add("--tls-key");
            start.ArgumentList.Add(tlsKeyPath);
            start.ArgumentList.Add("--tls-cert");
            start.ArgumentList.Add(tlsCertPath);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                throw new InvalidOperationException($"SMSC simulator exited: {error}");
            }

            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                var fields = line.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
                return new SmscSimulator(process, fields["smpp"], fields["control"]);
            }
        }
    }

    public SmppClientOptions ClientOptions(string? password = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        SystemId = SystemId,
        Password = password ?? Password,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        ThrottleInitialDelay = TimeSpan.FromMilliseconds(20),
        ThrottleMaxDelay = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public async Task<SmscStats> StatsAsync() =>
        await control.GetFromJsonAsync<SmscStats>("stats", JsonOptions) ?? throw new InvalidOperationException("no stats");

    public async Task CommandAsync(string pathAndQuery)
    {
        using var response = await control.PostAsync(new Uri(pathAndQuery, UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the simulator's counts until <paramref name="condition"/> holds; fails after <paramref name="seconds"/>.</summary>
    public async Task<SmscStats> WaitForAsync(Func<SmscStats, bool> condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var stats = await StatsAsync();
            if (condition(stats))
            {
                return stats;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"SMSC simulator never reached the expected state: {JsonSerializer.Serialize(stats, JsonOptions)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the simulator (a carrier going away); safe to call again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        control.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static string FindSimulatorDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "smsc-simulator");
            if (File.Exists(Path.Combine(candidate, "smsc.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/smsc-simulator/smsc.js not found above " + AppContext.BaseDirectory);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

internal sealed record SmscStats(
    int BoundSessions,
    int Connections,
    int BindAttempts,
    int Binds,
    int BindFailures,
    int Submits,
    int Accepted,
    int Throttled,
    int Withheld,
    int Drops,
    int ReceiptsSent,
    int DeliverSent,
    int DeliverResps,
    IReadOnlyList<uint> DeliverRespStatuses,
    int EnquireLinks,
    int EnquireLinkResps,
    int Unbinds,
    IReadOnlyList<SmscNack> GenericNacks,
    IReadOnlyList<SmscSubmit> Messages,
    int Duplicates);

internal sealed record SmscNack(uint Sequence, uint Status);

internal sealed record SmscSubmit(
    uint Sequence,
    string Source,
    int SourceTon,
    int SourceNpi,
    string Destination,
    int DestinationTon,
    int DestinationNpi,
    int EsmClass,
    int DataCoding,
    int RegisteredDelivery,
    string ShortMessageHex,
    string? Text,
    string? MessageId,
    string Status,
    string? ClientReference);
