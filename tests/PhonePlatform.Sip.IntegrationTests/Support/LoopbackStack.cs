using System.Net;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.IntegrationTests.Support;

/// <summary>A real stack on 127.0.0.1 with a UDP transport on a free port.</summary>
public sealed class LoopbackStack : IAsyncDisposable
{
    private LoopbackStack(SipStack stack, UdpSipTransport udp)
    {
        Stack = stack;
        Udp = udp;
    }

    public SipStack Stack { get; }

    public UdpSipTransport Udp { get; }

    public int Port => Udp.LocalEndPoint.Port;

    public static async Task<LoopbackStack> StartAsync(ISipRequestHandler? handler = null, SipStackOptions? options = null)
    {
        var stack = new SipStack(options);
        var udp = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        stack.AddTransport(udp);
        stack.RequestHandler = handler;
        await stack.StartAsync();
        return new LoopbackStack(stack, udp);
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
