using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Crypto.Tests.Support;

/// <summary>
/// Runs s3rver (an S3-compatible server, npm package installed by deploy/test-deps/20-crypto.sh) on a free loopback
/// port with a temporary data folder and one bucket, for the lifetime of a test class.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime, IDisposable
{
    public const string Bucket = "phoneplatform-test";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private TempDirectory? data;
    private Process? process;

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>The folder where s3rver keeps the objects' bytes (for tests that grep what reached the server).</summary>
    public string DataPath => data?.Path ?? throw new InvalidOperationException("s3rver is not running.");

    public S3BlobStoreOptions Options(int partSize = 8 * 1024 * 1024) => new()
    {
        Bucket = Bucket,
        Region = "us-east-1",
        ServiceUrl = ServiceUrl,
        ForcePathStyle = true,
        AccessKeyId = AccessKey,
        SecretAccessKey = SecretKey,
        PartSize = partSize,
    };

    public async Task InitializeAsync()
    {
        var executable = FindExecutable();
        data = new TempDirectory();
        var port = FreeLoopbackPort();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // s3rver 3.7 builds list continuation tokens with a cipher OpenSSL 3 keeps in its legacy provider.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (var argument in new[] { "-d", data.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start s3rver.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode} before listening.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("s3rver did not start listening within 30 s.");
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
        process = null;
        data?.Dispose();
        data = null;
    }

    private static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("PHONEPLATFORM_S3RVER_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "s3rver", "node_modules", ".bin", "s3rver");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "s3rver is not installed: run 'source deploy/test-deps/20-crypto.sh' (npm ci in tests/s3rver) first.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
