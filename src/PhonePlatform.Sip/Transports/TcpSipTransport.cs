using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using PhonePlatform.Sip.Internal;

namespace PhonePlatform.Sip.Transports;

/// <summary>
/// SIP over TCP, or TLS when <see cref="SipTlsOptions"/> are given (RFC 3261 §18, §26.2.1). Messages are framed by
/// Content-Length; connections are reused in both directions (a response goes back on the request's connection, and a
/// request to a peer reuses an open connection to it); CRLF keep-alive pings are answered (RFC 5626 §4.4.1).
/// </summary>
public sealed class TcpSipTransport : SipTransport
{
    private readonly Socket listener;
    private readonly SipTlsOptions? tls;
    private readonly int maxMessageSize;
    private readonly ConcurrentDictionary<long, StreamSipConnection> connections = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private long nextConnectionId;
    private Task? acceptLoop;

    public TcpSipTransport(IPEndPoint bindTo, SipTlsOptions? tls = null, int maxMessageSize = 65_535)
    {
        this.tls = tls;
        this.maxMessageSize = maxMessageSize;
        listener = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(bindTo);
    }

    public override SipTransportKind Kind => tls is null ? SipTransportKind.Tcp : SipTransportKind.Tls;

    public override IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public int ConnectionCount => connections.Count;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (tls is null || tls.Server is not null)
        {
            listener.Listen(512);
            acceptLoop ??= Task.Run(AcceptLoopAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public override async ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(destination, cancellationToken);
        try
        {
            await connection.SendAsync(message, cancellationToken);
        }
        catch (IOException ex)
        {
            await CloseAsync(connection);
            throw new SipTransportException($"Sending to {destination} failed.", ex);
        }
    }

    private async ValueTask<StreamSipConnection> GetConnectionAsync(SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (destination.ConnectionId != 0)
        {
            // RFC 5626 §5.3: a flow is used as is; if it is gone the request fails rather than going elsewhere.
            return connections.TryGetValue(destination.ConnectionId, out var flow)
                ? flow
                : throw new SipTransportException($"Connection {destination.ConnectionId} is closed.");
        }

        await connectLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var existing in connections.Values)
            {
                if (existing.Remote.Equals(destination.Address))
                {
                    return existing;
                }
            }

            var socket = new Socket(destination.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(destination.Address, cancellationToken);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                throw new SipTransportException($"Cannot connect to {destination.Address}.", ex);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                var options = CloneClientOptions(tls.Client, destination.Address);
                try
                {
                    await ssl.AuthenticateAsClientAsync(options, cancellationToken);
                }
                catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
                {
                    await ssl.DisposeAsync();
                    throw new SipTransportException($"TLS handshake with {destination.Address} failed.", ex);
                }

                stream = ssl;
            }

            return Register(stream, destination.Address);
        }
        finally
        {
            connectLock.Release();
        }
    }

    private static SslClientAuthenticationOptions CloneClientOptions(SslClientAuthenticationOptions source, IPEndPoint remote) => new()
    {
        TargetHost = string.IsNullOrEmpty(source.TargetHost) ? remote.Address.ToString() : source.TargetHost,
        EnabledSslProtocols = SipTlsOptions.Protocols,
        RemoteCertificateValidationCallback = source.RemoteCertificateValidationCallback,
        ClientCertificates = source.ClientCertificates,
        CertificateRevocationCheckMode = source.CertificateRevocationCheckMode,
    };

    private StreamSipConnection Register(Stream stream, IPEndPoint remote)
    {
        var connection = new StreamSipConnection(Interlocked.Increment(ref nextConnectionId), stream, remote, Kind);
        connections[connection.Id] = connection;
        _ = RunAsync(connection);
        return connection;
    }

    private async Task RunAsync(StreamSipConnection connection)
    {
        await connection.ReadLoopAsync(maxMessageSize, DeliverAsync);
        await CloseAsync(connection);
    }

    private async ValueTask CloseAsync(StreamSipConnection connection)
    {
        if (connections.TryRemove(connection.Id, out _))
        {
            await connection.DisposeAsync();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            socket.NoDelay = true;
            _ = AcceptConnectionAsync(socket);
        }
    }

    private async Task AcceptConnectionAsync(Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls?.Server is { } serverOptions)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(10));
                serverOptions.EnabledSslProtocols = SipTlsOptions.Protocols;
                await ssl.AuthenticateAsServerAsync(serverOptions, handshakeTimeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                await ssl.DisposeAsync();
                return;
            }

            stream = ssl;
        }

        Register(stream, remote);
    }

    public override async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        foreach (var connection in connections.Values)
        {
            await CloseAsync(connection);
        }

        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        stopping.Dispose();
        connectLock.Dispose();
    }
}
