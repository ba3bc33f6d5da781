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

    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, IPEndPoint target, params string[] extra)
    {
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in (string[])[
            $"{target.Address}:{target.Port}", "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario),
            "-i", "127.0.0.1", "-p", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin" ])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in extra)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
