using System.Net;

namespace PhonePlatform.Sip.Transports;

/// <summary>
/// A peer as the transport layer sees it. <see cref="ConnectionId"/> names a stream flow (TCP, TLS, WebSocket);
/// messages for a registered browser go down exactly that flow (RFC 5626 §5.3, RFC 7118 §5), never to a resolved host.
/// </summary>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint Address, long ConnectionId = 0)
{
    public override string ToString() =>
        ConnectionId == 0 ? $"{Transport.ToViaToken()}:{Address}" : $"{Transport.ToViaToken()}:{Address}#{ConnectionId}";
}
