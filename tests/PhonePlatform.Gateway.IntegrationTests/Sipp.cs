using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>Runs the real sipp (Debian sip-tester) on loopback with a hard timeout, so nothing hangs.</summary>
internal static class Sipp
{
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Starts a sipp UAS on <paramref name="port"/> (scenario file, or a built-in with "-sn"), one call.</summary>
    public static Task<(int ExitCode, string Output)> ServeAsync(int port, params string[] scenario) =>
        RunArgumentsAsync([.. scenario, "-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", "45s", "-timeout_error", "-nostdin"]);

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

    private static async Task<(int ExitCode, string Output)> RunArgumentsAsync(string[] arguments)
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

        using var process = Process.Start(info)!;
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
