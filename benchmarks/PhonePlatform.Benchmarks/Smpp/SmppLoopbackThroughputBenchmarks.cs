using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Smpp;

namespace PhonePlatform.Benchmarks.Smpp;

/// <summary>
/// submit_sm → submit_sm_resp over loopback against the node SMSC simulator (tests/smsc-simulator, npm `smpp`):
/// one invocation submits <see cref="Batch"/> single-segment messages concurrently through the window.
/// Needs node and `npm ci` in tests/smsc-simulator. Receipts are off so only the submit path is measured.
/// </summary>
[MemoryDiagnoser]
[IterationCount(10)]
[WarmupCount(2)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls [GlobalCleanup], which disposes both.")]
public class SmppLoopbackThroughputBenchmarks
{
    private const int Batch = 2_000;

    private static readonly SmppAddress Sender = SmppAddress.International("+15551230000");
    private static readonly SmppAddress Recipient = SmppAddress.International("+4930123456");

    private Process? simulator;
    private SmppClient? client;
    private SmsSubmission[] submissions = [];

    [Params(10, 50)]
    public int Window { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var directory = FindSimulatorDirectory();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("smsc.js");
        simulator = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var line = await simulator.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("simulator exited");
        var ports = line.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports["control"]}/") })
        {
            (await http.PostAsync(new Uri("receipts?enabled=0", UriKind.Relative), null)).EnsureSuccessStatusCode();
            (await http.PostAsync(new Uri("record?enabled=0", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }

        client = new SmppClient(new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = ports["smpp"],
            SystemId = "test",
            Password = "secret",
            WindowSize = Window,
        });
        await client.StartAsync();
        submissions = Enumerable.Range(0, Batch)
            .Select(i => new SmsSubmission(Sender, Recipient, $"Benchmark message {i}") { RequestDeliveryReceipt = false })
            .ToArray();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<int> SubmitSmRoundTrip()
    {
        var results = await Task.WhenAll(submissions.Select(s => client!.SubmitAsync(s)));
        var failed = results.Count(r => !r.Succeeded);
        return failed == 0 ? results.Length : throw new InvalidOperationException($"{failed} submissions failed");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (simulator is not null)
        {
            simulator.Kill(entireProcessTree: true);
            await simulator.WaitForExitAsync();
            simulator.Dispose();
        }
    }

    private static string FindSimulatorDirectory()
    {
        foreach (var root in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "smsc-simulator");
                if (File.Exists(Path.Combine(candidate, "smsc.js")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("tests/smsc-simulator/smsc.js not found; run from the repository.");
    }
}
