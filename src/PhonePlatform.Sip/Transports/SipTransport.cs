using System.Net;

namespace PhonePlatform.Sip.Transports;

/// <summary>Delivers framed messages from a transport to the stack.</summary>
public interface ISipTransportReceiver
{
    /// <summary>One complete SIP message (one datagram, one Content-Length framed stream message, one WebSocket message).
    /// The memory is only valid for the duration of the call.</summary>
    ValueTask OnMessageAsync(SipTransport transport, SipEndPoint source, ReadOnlyMemory<byte> message);
}

/// <summary>A SIP transport (RFC 3261 §18): sends bytes to a peer and hands received messages to the stack.</summary>
public abstract class SipTransport : IAsyncDisposable
{
    private ISipTransportReceiver? receiver;

    public abstract SipTransportKind Kind { get; }

    /// <summary>The bound local address (after <see cref="StartAsync"/>).</summary>
    public abstract IPEndPoint LocalEndPoint { get; }

    public bool IsReliable => Kind.IsReliable();

    /// <summary>The host written into Via and Contact; defaults to the local address.</summary>
    public string? AdvertisedHost { get; set; }

    internal void Attach(ISipTransportReceiver target) => receiver = target;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sends one serialised message. Throws <see cref="SipTransportException"/> when the peer cannot be reached.</summary>
    public abstract ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected ValueTask DeliverAsync(SipEndPoint source, ReadOnlyMemory<byte> message) =>
        receiver?.OnMessageAsync(this, source, message) ?? ValueTask.CompletedTask;
}

public sealed class SipTransportException : Exception
{
    public SipTransportException()
    {
    }

    public SipTransportException(string message)
        : base(message)
    {
    }

    public SipTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
