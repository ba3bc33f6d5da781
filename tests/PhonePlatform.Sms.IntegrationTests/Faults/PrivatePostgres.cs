using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Sms.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL server of this test's own (initdb into a temporary folder, its own loopback port), so it can be
/// restarted without touching the cluster the other tests share. Runs the server binaries as the postgres user when
/// the tests run as root (initdb refuses root).
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;
    private readonly int port;

    private PrivatePostgres(string folder, string bin, int port)
    {
        this.folder = folder;
        this.bin = bin;
        this.port = port;
    }

    public string AdminConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=pp;Database=postgres;Timeout=5");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Last() + "/bin";
        var folder = Path.Combine(Path.GetTempPath(), "pp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await RunAsync("chown", "postgres:postgres", folder);
        var server = new PrivatePostgres(folder, bin, FreeTcpPort());
        await server.PgAsync("initdb", "-D", server.Data, "-A", "trust", "-U", "pp", "--no-sync");
        await server.ControlAsync("start");
        return server;
    }

    private string Data => Path.Combine(folder, "data");

    /// <summary>pg_ctl restart -m fast: every open connection is cut, the server is back when this returns.</summary>
    public Task RestartAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "restart");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task ControlAsync(string action) =>
        PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"), action);

    private Task PgAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
