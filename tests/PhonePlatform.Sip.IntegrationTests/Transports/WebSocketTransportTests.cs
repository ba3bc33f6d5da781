using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.IntegrationTests.Support;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.IntegrationTests.Transports;

/// <summary>
/// RFC 7118 over a real loopback TCP pair wrapped by <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>:
/// a JsSIP-shaped REGISTER (.invalid Via and Contact, +sip.instance, reg-id) is authenticated, the 200 echoes the
/// Contact with expires, and the stack reaches the browser down the flow it registered on.
/// </summary>
public sealed class WebSocketTransportTests : IAsyncLifetime, IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private TcpClient? browserTcp;
    private TcpClient? serverTcp;

    public async Task InitializeAsync()
    {
        listener.Start();
        browserTcp = new TcpClient();
        var connect = browserTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        serverTcp = await listener.AcceptTcpClientAsync();
        await connect;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        browserTcp?.Dispose();
        serverTcp?.Dispose();
        listener.Dispose();
    }

    private static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        var buffer = new byte[65_536];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    [Fact]
    public async Task JsSipStyleRegister_IsAuthenticatedEchoedAndFlowIsUsedForRequestsToTheBrowser()
    {
        var credentials = new InMemorySipCredentialStore();
        credentials.SetPassword("alice", "example.test", "wonderland");
        var locations = new InMemoryLocationService();
        var registrar = new SipRegistrar(locations, credentials, new SipRegistrarOptions { Realm = "example.test" });

        await using var stack = new SipStack();
        var transport = new WebSocketSipTransport(new IPEndPoint(IPAddress.Loopback, 8443), secure: true);
        stack.AddTransport(transport);
        stack.RequestHandler = new TestUserAgent(registrar);
        await stack.StartAsync();

        using var serverSocket = WebSocket.CreateFromStream(serverTcp!.GetStream(), new WebSocketCreationOptions { IsServer = true, SubProtocol = WebSocketSipTransport.SubProtocol, KeepAliveInterval = TimeSpan.FromSeconds(20) });
        using var browser = WebSocket.CreateFromStream(browserTcp!.GetStream(), new WebSocketCreationOptions { IsServer = false, SubProtocol = WebSocketSipTransport.SubProtocol });
        using var stop = new CancellationTokenSource();
        var flow = transport.RunConnectionAsync(serverSocket, (IPEndPoint)serverTcp.Client.RemoteEndPoint!, stop.Token);

        const string Contact = "<sip:k3j4vq2d@df7jal23ls0d.invalid;transport=ws>;+sip.ice;reg-id=1;+sip.instance=\"<urn:uuid:0d7f4e53-6a85-4c59-a3a4-7a7e0a1b2c3d>\";expires=600";
        var register = "REGISTER sip:example.test SIP/2.0\r\n"
            + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1;rport\r\n"
            + "Max-Forwards: 69\r\nTo: <sip:alice@example.test>\r\nFrom: \"Alice\" <sip:alice@example.test>;tag=js1\r\n"
            + "Call-ID: jssip-call-1\r\nCSeq: 1 REGISTER\r\n"
            + $"Contact: {Contact}\r\nExpires: 600\r\nSupported: path,gruu,outbound\r\nUser-Agent: JsSIP 3.13.8\r\nContent-Length: 0\r\n\r\n";
        await SendTextAsync(browser, register);
        var challenge = Assert.IsType<SipResponse>(SipParser.Parse(await ReceiveTextAsync(browser)).Message);
        Assert.Equal(401, challenge.StatusCode);
        Assert.Contains(challenge.Headers.GetFieldValues(SipHeaderNames.WwwAuthenticate), h => h.Contains("algorithm=MD5", StringComparison.Ordinal) && h.Contains("qop=\"auth\"", StringComparison.Ordinal));

        var retry = SipDigestClient.Authorize(Assert.IsType<SipRequest>(SipParser.Parse(register).Message), challenge, "alice", "wonderland")!;
        retry.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK2;rport");
        await SendTextAsync(browser, Encoding.UTF8.GetString(retry.ToArray()));
        var ok = Assert.IsType<SipResponse>(SipParser.Parse(await ReceiveTextAsync(browser)).Message);

        Assert.Equal(200, ok.StatusCode);
        var echoed = Assert.Single(ok.Contacts);
        Assert.Equal("df7jal23ls0d.invalid", echoed.Uri.Host);
        Assert.Equal("600", echoed.Parameters.Get("expires"));
        Assert.Equal("\"<urn:uuid:0d7f4e53-6a85-4c59-a3a4-7a7e0a1b2c3d>\"", echoed.Parameters.Get("+sip.instance"));

        // The stack calls the browser: the request must go down the registered WebSocket, not to "df7jal23ls0d.invalid".
        var binding = Assert.Single(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
        Assert.Equal(SipTransportKind.SecureWebSocket, binding.Flow.Transport);
        var options = stack.CreateRequest(SipMethods.Options, binding.Contact.Uri, SipNameAddress.Parse("<sip:gateway@example.test>"), SipNameAddress.Parse("<sip:alice@example.test>"));
        var transaction = await stack.SendRequestAsync(options, binding.Flow);
        var received = Assert.IsType<SipRequest>(SipParser.Parse(await ReceiveTextAsync(browser)).Message);
        Assert.Equal(SipMethods.Options, received.Method);
        Assert.Equal("WSS", received.TopVia!.Transport);
        await SendTextAsync(browser, Encoding.UTF8.GetString(SipResponse.Create(received, 200, null, "browser-tag").ToArray()));

        Assert.Equal(200, (await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        await browser.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await flow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, transport.ConnectionCount);
    }
}
