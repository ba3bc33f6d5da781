using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// Serves the JsSIP softphone page (tests/jssip-page, bundled by deploy/test-deps/60-browser-calls.sh) on
/// <c>http://localhost:&lt;port&gt;/</c>, a secure context, so getUserMedia and WebRTC work.
/// </summary>
internal sealed class SoftphonePageServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly byte[] page;
    private readonly byte[] bundle;

    public SoftphonePageServer()
    {
        var folder = FindPageFolder();
        var bundlePath = Path.Combine(folder, "dist", "softphone.bundle.js");
        if (!File.Exists(bundlePath))
        {
            throw new InvalidOperationException($"{bundlePath} is missing: run deploy/test-deps/60-browser-calls.sh (npm ci && npm run build in tests/jssip-page).");
        }

        page = File.ReadAllBytes(Path.Combine(folder, "index.html"));
        bundle = File.ReadAllBytes(bundlePath);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://localhost:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(Url);
        listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    public void Dispose() => listener.Close();

    private static string FindPageFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "jssip-page");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/jssip-page not found above " + AppContext.BaseDirectory);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var (body, type) = context.Request.Url?.AbsolutePath switch
            {
                "/" => (page, "text/html; charset=utf-8"),
                "/softphone.bundle.js" => (bundle, "text/javascript; charset=utf-8"),
                _ => ((byte[]?)null, (string?)null),
            };
            if (body is null)
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentType = type;
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }
}
