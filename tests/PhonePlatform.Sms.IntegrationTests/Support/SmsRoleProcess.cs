using System.Diagnostics;
using System.Globalization;
using PhonePlatform.Smpp.Tests.Integration;

namespace PhonePlatform.Sms.IntegrationTests.Support;

/// <summary>
/// The real platform host (src/PhonePlatform.Api, built by this project's build) started as its own OS process with
/// <c>--role sms</c> (or the roles given) on the stack's database and key file, its one carrier pointing at an SMSC
/// simulator.
/// </summary>
internal sealed class SmsRoleProcess : IDisposable
{
    private readonly Process process;

    private SmsRoleProcess(Process process) => this.process = process;

    /// <summary>The process id (to read its CPU time).</summary>
    public Process Process => process;

    public static SmsRoleProcess Start(
        SmsStack stack, SmscSimulator smsc, TimeSpan lease, string roles = "sms", int httpPort = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = FindHost();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(host)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(roles);
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture);
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["PHONEPLATFORM__ConnectionStrings__Postgres"] = stack.Database.ConnectionString;
        env["PHONEPLATFORM__Storage__KeyFile"] = stack.KeyFile;
        env["PHONEPLATFORM__Storage__BlobFolder"] = Path.Combine(Path.GetDirectoryName(stack.KeyFile)!, "blobs");
        env["PHONEPLATFORM__Sms__Carriers__primary__Host"] = "127.0.0.1";
        env["PHONEPLATFORM__Sms__Carriers__primary__Port"] = smsc.Port.ToString(CultureInfo.InvariantCulture);
        env["PHONEPLATFORM__Sms__Carriers__primary__SystemId"] = SmscSimulator.SystemId;
        env["PHONEPLATFORM__Sms__Carriers__primary__Password"] = SmscSimulator.Password;
        env["PHONEPLATFORM__Sms__Lease"] = lease.ToString("c", CultureInfo.InvariantCulture);
        env["PHONEPLATFORM__Sms__PollInterval"] = "00:00:00.050";
        env["PHONEPLATFORM__Sms__BatchSize"] = "20";
        env["PHONEPLATFORM__Sms__Concurrency"] = "10";
        env["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env["PHONEPLATFORM__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SmsRoleProcess(process);
    }

    /// <summary>kill -9: no graceful stop, no unbind, nothing recorded after the signal.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }

    private static string FindHost()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "PhonePlatform.Api", "bin", configuration, "net10.0", "PhonePlatform.Api.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("src/PhonePlatform.Api/bin/<configuration>/net10.0/PhonePlatform.Api.dll not found; build the test project.");
    }
}
