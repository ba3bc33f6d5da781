using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Sip.Transports;

/// <summary>SIP over UDP (RFC 3261 §18): one datagram is one message. Retransmission is the transaction layer's job.</summary>
public sealed class UdpSipTransport : SipTransport
{
    private const int MaxDatagram = 65_535;
    private readonly Socket socket;
    private readonly CancellationTokenSource stopping = new();
    private Task? receiveLoop;

    public UdpSipTransport(IPEndPoint bindTo)
    {
        socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(bindTo);
    }

    public override SipTransportKind Kind => SipTransportKind.Udp;

    public override IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        receiveLoop ??= Task.Run(ReceiveLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public override async ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (message.Length > MaxDatagram)
        {
            // RFC 3261 §18.1.1 would switch to TCP above the path MTU; a message that cannot fit a datagram at all fails.
            throw new SipTransportException("Message too large for UDP.");
        }

        await socket.SendToAsync(message, SocketFlags.None, destination.Address, cancellationToken);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping.Token);
                }
                catch (SocketException)
                {
                    // ICMP port unreachable and similar per-datagram errors must not stop the listener.
                    continue;
                }

                if (result.ReceivedBytes == 0)
                {
                    continue;
                }

                var source = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)result.RemoteEndPoint);
                if (IsKeepAlive(buffer.AsSpan(0, result.ReceivedBytes)))
                {
                    continue;
                }

                await DeliverAsync(source, buffer.AsMemory(0, result.ReceivedBytes));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>RFC 5626 §3.5.1 and common practice: bare CRLF (or NUL) datagrams are NAT keep-alives, not messages.</summary>
    private static bool IsKeepAlive(ReadOnlySpan<byte> datagram) => datagram.IndexOfAnyExcept("\r\n\0 "u8) < 0;

    public override async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        if (receiveLoop is not null)
        {
            await receiveLoop;
        }

        stopping.Dispose();
    }
}
