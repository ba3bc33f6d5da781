using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>Runs the real sipp (Debian sip-tester) on loopback with a hard timeout, so nothing hangs.</summary>
internal static class Sipp
{
    // The UAS serving each port: a test that failed before its carrier finished leaves that sipp running (until its own
    // timeout), and the next test's carrier on the same port must not find the port taken by the old call's scenario.
    private static readonly ConcurrentDictionary<int, Process> Serving = new();

    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Starts a sipp UAS on <paramref name="port"/> (scenario file, or a built-in with "-sn"), one call, and returns once
    /// it listens there (a loaded machine may take seconds to start it); the returned task completes when sipp exits.
    /// </summary>
    public static async Task<Task<(int ExitCode, string Output)>> ServeAsync(int port, params string[] scenario)
    {
        await StopServingAsync(port);
        var exited = RunArgumentsAsync([.. scenario, "-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", "45s", "-timeout_error", "-nostdin"], process => Serving[port] = process);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!exited.IsCompleted && !IsUdpPortBound(port) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        return exited;
    }

    /// <summary>Kills the sipp UAS a previous (failed) test left serving <paramref name="port"/> and waits for the port to free.</summary>
    private static async Task StopServingAsync(int port)
    {
        if (!Serving.TryRemove(port, out var previous))
        {
            return;
        }

        try
        {
            if (!previous.HasExited)
            {
                previous.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited (and was disposed) between the check and the kill.
            return;
        }

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (IsUdpPortBound(port) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Whether some socket is bound to UDP <paramref name="port"/>, read from /proc/net/udp (Linux) so the probe never
    /// competes with sipp for the port the way a test bind would.
    /// </summary>
    public static bool IsUdpPortBound(int port)
    {
        var suffix = ":" + port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // "  sl  local_address rem_address ...": local_address is HEXIP:HEXPORT.
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 1 && columns[1].EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Waits until something listens on UDP <paramref name="port"/> of loopback (a sipp UAS has bound).</summary>
    public static async Task WaitForUdpListenerAsync(int port)
    {
        var needle = $"0100007F:{port:X4} ";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await File.ReadAllTextAsync("/proc/net/udp")).Contains(needle, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Nothing listens on UDP port {port}.");
            }

            await Task.Delay(20);
        }
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    public static Task<(int ExitCode, string Output)> RunAsync(string scenario, IPEndPoint target, params string[] extra) =>
        RunArgumentsAsync([
            $"{target.Address}:{target.Port}", "-sf", Scenario(scenario),
            "-i", "127.0.0.1", "-p", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", "45s", "-timeout_error", "-nostdin", .. extra]);

    private static async Task<(int ExitCode, string Output)> RunArgumentsAsync(string[] arguments, Action<Process>? started = null)
    {
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // On a loaded machine a retransmitted INVITE draws a late 100 Trying after the 200; by default sipp aborts the
        // call on such a stray response. The scenarios' own recv steps still fail a call that goes wrong; a test that
        // expects the abort (a refusal where the scenario wants a 200) passes its own -default_behaviors.
        if (!arguments.Contains("-default_behaviors"))
        {
            info.ArgumentList.Add("-default_behaviors");
            info.ArgumentList.Add("all,-abortunexp");
        }

        using var process = Process.Start(info)!;
        started?.Invoke(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }
}
