using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using PhonePlatform.Media.Dtls.Internal;

namespace PhonePlatform.Media.Dtls;

/// <summary>
/// The DTLS 1.2 server side of one DTLS-SRTP association (RFC 5764, RFC 5763 with <c>a=setup:passive</c>).
/// Feed it the DTLS datagrams the demultiplexer sorts out (<see cref="DeliverDatagram"/>; only from an address
/// that passed an ICE check), await <see cref="HandshakeAsync"/> for the SRTP keys. BouncyCastle's handshake is
/// blocking, so it runs on a dedicated thread; after the handshake that thread keeps reading so retransmitted
/// final flights are answered and the peer's close_notify raises <see cref="Closed"/>.
/// The HelloVerifyRequest cookie exchange is not used: ICE's authenticated checks already prove the address,
/// and BouncyCastle's cookie path cannot take Chromium's two-datagram ClientHello.
/// </summary>
public sealed class DtlsSrtpServer : IDisposable
{
    private readonly DtlsDatagramQueue queue;
    private readonly DtlsSrtpTlsServer server;
    private readonly CancellationTokenSource stopping = new();
    private int started;

    /// <summary>Creates the server; <paramref name="send"/> puts one datagram on the wire toward the peer.</summary>
    public DtlsSrtpServer(DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint, Action<ReadOnlyMemory<byte>> send, DtlsSrtpServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(expectedClientFingerprint);
        ArgumentNullException.ThrowIfNull(send);
        options ??= new DtlsSrtpServerOptions();
        queue = new DtlsDatagramQueue(datagram => send(datagram.ToArray()), options.MaxDatagramSize);
        server = new DtlsSrtpTlsServer(new BcTlsCrypto(new SecureRandom()), certificate, expectedClientFingerprint, options);
        server.ClosedByPeer += () => Closed?.Invoke();
    }

    /// <summary>Raised when the peer closes the association (close_notify) after the handshake.</summary>
    public event Action? Closed;

    /// <summary>DTLS datagrams dropped because the queue was full or the server stopped.</summary>
    public long DroppedDatagrams => queue.Dropped;

    /// <summary>Hands over one DTLS datagram (RFC 7983 first byte 20-63) from the peer.</summary>
    public void DeliverDatagram(ReadOnlySpan<byte> datagram) => queue.Enqueue(datagram);

    /// <summary>
    /// Runs the handshake; completes with the negotiated profile and keys, or fails with
    /// <see cref="DtlsHandshakeException"/> (timeout, fingerprint mismatch, no common profile, peer alert).
    /// </summary>
    public Task<DtlsSrtpKeys> HandshakeAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("The handshake runs once.");
        }

        var completion = new TaskCompletionSource<DtlsSrtpKeys>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => server.Cancel());
        var thread = new Thread(() => Run(completion, registration)) { IsBackground = true, Name = "dtls-srtp" };
        thread.Start();
        return completion.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Cancel();
        queue.Close();
        stopping.Dispose();
    }

    private void Run(TaskCompletionSource<DtlsSrtpKeys> completion, CancellationTokenRegistration registration)
    {
        DtlsTransport transport;
        try
        {
            transport = new DtlsServerProtocol().Accept(server, queue);
        }
        catch (Exception exception) when (exception is IOException or TlsFatalAlert or OperationCanceledException or InvalidOperationException)
        {
            completion.TrySetException(new DtlsHandshakeException(
                server.FailureReason ?? (exception is TlsTimeoutException ? "the DTLS handshake timed out" : "the DTLS handshake failed: " + exception.Message),
                exception));
            registration.Dispose();
            return;
        }

        registration.Dispose();
        completion.TrySetResult(server.Keys!);
        ReadUntilClosed(transport);
    }

    // BouncyCastle answers retransmitted client flights and processes alerts only while someone reads.
    private void ReadUntilClosed(DtlsTransport transport)
    {
        var buffer = new byte[transport.GetReceiveLimit()];
        try
        {
            while (!stopping.IsCancellationRequested && !server.CloseNotifyReceived)
            {
                transport.Receive(buffer, 0, buffer.Length, 1000);
            }
        }
        catch (Exception exception) when (exception is IOException or TlsFatalAlert or ObjectDisposedException)
        {
            // The peer or Dispose ended the association.
        }
        finally
        {
            try
            {
                transport.Close();
            }
            catch (IOException)
            {
                // Closing a transport whose peer is gone.
            }
        }
    }
}
