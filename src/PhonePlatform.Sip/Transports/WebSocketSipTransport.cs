using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;

namespace PhonePlatform.Sip.Transports;

/// <summary>
/// SIP over WebSocket (RFC 7118). The host accepts the HTTP upgrade (subprotocol <see cref="SubProtocol"/>) and hands
/// the <see cref="WebSocket"/> to <see cref="RunConnectionAsync"/>; each WebSocket message carries one SIP message.
/// Every connection is a flow: requests for a browser are sent down the WebSocket it registered on (RFC 5626), since
/// its Via and Contact hosts are unresolvable <c>.invalid</c> names. Keep-alive pings are the WebSocket's own
/// (<see cref="WebSocketCreationOptions.KeepAliveInterval"/>).
/// </summary>
public sealed class WebSocketSipTransport(IPEndPoint advertisedEndPoint, bool secure, int maxMessageSize = 65_535) : SipTransport
{
    public const string SubProtocol = "sip";

    private readonly ConcurrentDictionary<long, Connection> connections = new();
    private long nextConnectionId;

    public override SipTransportKind Kind => secure ? SipTransportKind.SecureWebSocket : SipTransportKind.WebSocket;

    /// <summary>The address the WebSocket listener is reachable at (written into Via / Record-Route).</summary>
    public override IPEndPoint LocalEndPoint => advertisedEndPoint;

    public int ConnectionCount => connections.Count;

    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serves one accepted WebSocket until it closes. Returns when the flow is gone.</summary>
    public async Task RunConnectionAsync(WebSocket socket, IPEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var id = Interlocked.Increment(ref nextConnectionId) | (1L << 40);
        var connection = new Connection(socket);
        connections[id] = connection;
        var source = new SipEndPoint(Kind, remote, id);
        var buffer = ArrayPool<byte>.Shared.Rent(maxMessageSize);
        try
        {
            while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
            {
                var filled = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (filled == maxMessageSize)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "SIP message too large", cancellationToken);
                        return;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(filled, maxMessageSize - filled), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        return;
                    }

                    filled += result.Count;
                }
                while (!result.EndOfMessage);

                var message = buffer.AsMemory(0, filled);
                if (message.Span.IndexOfAnyExcept("\r\n "u8) < 0)
                {
                    continue;
                }

                await DeliverAsync(source, message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            connections.TryRemove(id, out _);
            ArrayPool<byte>.Shared.Return(buffer);
            connection.Dispose();
        }
    }

    public override async ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!connections.TryGetValue(destination.ConnectionId, out var connection))
        {
            // RFC 7118 §5: there is no way to open a WebSocket towards a browser; without its flow it is unreachable.
            throw new SipTransportException($"WebSocket flow {destination.ConnectionId} is closed.");
        }

        await connection.SendAsync(message, cancellationToken);
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var connection in connections.Values)
        {
            connection.Socket.Abort();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Connection(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim writeLock = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            await writeLock.WaitAsync(cancellationToken);
            try
            {
                await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            catch (WebSocketException ex)
            {
                throw new SipTransportException("WebSocket send failed.", ex);
            }
            finally
            {
                writeLock.Release();
            }
        }

        public void Dispose() => writeLock.Dispose();
    }
}
