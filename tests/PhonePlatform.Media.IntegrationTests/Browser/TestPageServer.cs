using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Media.IntegrationTests.Browser;

/// <summary>Serves the test page on <c>http://localhost:&lt;port&gt;/</c> (a secure context, so getUserMedia works).</summary>
internal sealed class TestPageServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly byte[] page;

    public TestPageServer()
    {
        using var stream = typeof(TestPageServer).Assembly.GetManifestResourceStream("call.html")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        page = memory.ToArray();
        Port = FreeTcpPort();
        Url = $"http://localhost:{Port}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string Url { get; }

    public void Dispose() => listener.Close();

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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
            if (context.Request.Url?.AbsolutePath == "/")
            {
                response.ContentType = "text/html; charset=utf-8";
                response.ContentLength64 = page.Length;
                await response.OutputStream.WriteAsync(page);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }
}
