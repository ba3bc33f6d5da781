using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Sip.IntegrationTests.Sipp;

/// <summary>Runs sipp (Debian package sip-tester) on loopback with a global timeout, so no test can hang.</summary>
public static class SippRunner
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"sipp exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
    }

    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>A UDP/TCP port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.LocalEndPoint!).Port;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var executable = FindSipp()
            ?? throw new InvalidOperationException("sipp is not installed: install the Debian package 'sip-tester' (deploy/test-deps/30-sip.sh does this).");
        var workDirectory = Directory.CreateTempSubdirectory("sipp-");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory.FullName,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // sipp's own timer is the first guard; this one only catches a wedged process.
        start.ArgumentList.Add("-timeout");
        start.ArgumentList.Add(((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-timeout_error");
        start.ArgumentList.Add("-nostdin");
        start.ArgumentList.Add("-trace_err");
        start.ArgumentList.Add("-trace_msg");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sipp did not exit in time.");
        }

        var logs = string.Join("\n", Directory.GetFiles(workDirectory.FullName, "*.log").Select(f => Path.GetFileName(f) + ":\n" + File.ReadAllText(f)));
        var result = new Result(process.ExitCode, await output, await errors + logs);
        workDirectory.Delete(recursive: true);
        return result;
    }

    private static string? FindSipp()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "sipp");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
