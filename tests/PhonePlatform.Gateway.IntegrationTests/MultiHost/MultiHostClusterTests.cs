using System.Diagnostics;

namespace PhonePlatform.Gateway.IntegrationTests.MultiHost;

/// <summary>
/// The cluster on several hosts (issue 11): <c>tests/multihost/cluster-test.sh</c> builds a network of namespaces with a
/// Kamailio edge, two gateway hosts (the real API host with <c>--role api,gateway,sms</c>, one database), a sipp carrier
/// beside the SMSC simulator, and a sipp UDP softphone, and proves the spread over both gateways, a call entering B
/// answered by a phone registered on A, each SMS submitted exactly once by the two hosts' workers together, and
/// failover to B after <c>kill -9</c> of A. The script's output is the failure message.
/// </summary>
public sealed class MultiHostClusterTests
{
    [MultiHostFact]
    public async Task Cluster_SpreadsCalls_AnswersAcrossNodes_SendsEachSmsOnce_AndFailsOverWhenAGatewayDies()
    {
        var repository = FindRepository();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var host = Path.Combine(repository, "src", "PhonePlatform.Api", "bin", configuration, "net10.0", "PhonePlatform.Api.dll");
        Assert.True(File.Exists(host), $"{host} is missing: the test project builds it");
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PHONEPLATFORM_TEST_POSTGRES")), "PHONEPLATFORM_TEST_POSTGRES is not set");

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        start.ArgumentList.Add(Path.Combine(repository, "tests", "multihost", "cluster-test.sh"));
        start.Environment["PP_MULTIHOST_API"] = host;
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await script.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM: the script's trap removes its namespaces, processes and database.
            Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            await script.WaitForExitAsync();
        }

        var log = await output + await error;
        Assert.True(script.ExitCode == 0, log);
        Assert.Contains("PASS", log, StringComparison.Ordinal);
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "multihost", "cluster-test.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("tests/multihost/cluster-test.sh not found above " + AppContext.BaseDirectory);
    }
}
