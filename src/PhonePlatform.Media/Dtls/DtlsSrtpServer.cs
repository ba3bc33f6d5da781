using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using PhonePlatform.Media.Dtls.Internal;

namespace PhonePlatform.Media.Dtls;

/// <summary>
/// The DTLS 1.2 server side of one DTLS-SRTP association (RFC 5764, RFC 5763 with <c>a=setup:passive</c>).
/// Feed it the DTLS datagrams the demultiplexer sorts out (<see cref="DeliverDatagram"/>; only from an address
/// that passed an ICE check), await <see cref="HandshakeAsync"/> for the SRTP keys. BouncyCastle's handshake is
/// blocking, so it runs on a dedicated thread, bounded by <see cref="DtlsSrtpServerOptions.HandshakeTimeout"/>, that
/// ends with the handshake. Afterwards no thread is held: a DTLS datagram that arrives later (a retransmitted final
/// flight, the peer's close_notify, which raises <see cref="Closed"/>) is processed by a short thread-pool work item.
/// The HelloVerifyRequest cookie exchange is not used: ICE's authenticated checks already prove the address,
/// and BouncyCastle's cookie path cannot take Chromium's two-datagram ClientHello.
/// </summary>
public sealed class DtlsSrtpServer : IDisposable
{
    private readonly DtlsDatagramQueue queue;
    private readonly DtlsSrtpTlsServer server;
    private readonly CancellationTokenSource stopping = new();
    private readonly object transportGate = new();
    private DtlsTransport? transport;
    private Thread? handshakeThread;
    private byte[]? drainBuffer;
    private int started;
    private int draining;
    private bool disposed;

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
        server.KeysExported += keys => KeysExported?.Invoke(keys);
    }

    /// <summary>
    /// Raised on the handshake thread the moment the SRTP keys are exported, before <see cref="HandshakeAsync"/>
    /// completes: the peer sends SRTP as soon as it has our Finished, and a thread-pool hop later would drop it.
    /// </summary>
    public event Action<DtlsSrtpKeys>? KeysExported;

    /// <summary>Raised when the peer closes the association (close_notify) after the handshake.</summary>
    public event Action? Closed;

    /// <summary>DTLS datagrams dropped because the queue was full or the server stopped.</summary>
    public long DroppedDatagrams => queue.Dropped;

    /// <summary>Hands over one DTLS datagram (RFC 7983 first byte 20-63) from the peer.</summary>
    public void DeliverDatagram(ReadOnlySpan<byte> datagram)
    {
        if (queue.Enqueue(datagram) && Volatile.Read(ref transport) is not null)
        {
            ScheduleDrain();
        }
    }

    /// <summary>True while the handshake thread runs (it ends with the handshake, whatever the outcome).</summary>
    internal bool HoldsThread => handshakeThread?.IsAlive == true;

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
        handshakeThread = new Thread(() => Run(completion, registration)) { IsBackground = true, Name = "dtls-srtp-handshake" };
        handshakeThread.Start();
        return completion.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Cancel();

        // An established association says close_notify (RFC 5246 §7.2.1) before the queue stops carrying datagrams;
        // closing the queue also ends a handshake still running.
        lock (transportGate)
        {
            disposed = true;
            CloseTransport();
        }

        queue.Close();

        stopping.Dispose();
    }

    private void Run(TaskCompletionSource<DtlsSrtpKeys> completion, CancellationTokenRegistration registration)
    {
        DtlsTransport accepted;
        try
        {
            accepted = new DtlsServerProtocol().Accept(server, queue);
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
        lock (transportGate)
        {
            if (disposed)
            {
                accepted.Close();
            }
            else
            {
                Volatile.Write(ref transport, accepted);
            }
        }

        completion.TrySetResult(server.Keys!);

        // Datagrams that came while the handshake was finishing.
        ScheduleDrain();
    }

    private void ScheduleDrain()
    {
        if (queue.Count > 0 && Volatile.Read(ref transport) is not null && Interlocked.CompareExchange(ref draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
        }
    }

    // BouncyCastle answers retransmitted client flights and processes alerts only inside Receive. Each call returns
    // after at most 1 ms without a record (0 would mean "wait forever" to BouncyCastle).
    private void Drain()
    {
        lock (transportGate)
        {
            try
            {
                while (!disposed && transport is not null && !server.CloseNotifyReceived && queue.Count > 0)
                {
                    drainBuffer ??= new byte[transport.GetReceiveLimit()];
                    transport.Receive(drainBuffer, 0, drainBuffer.Length, 1);
                }
            }
            catch (Exception exception) when (exception is IOException or TlsFatalAlert or ObjectDisposedException)
            {
                // The peer or Dispose ended the association.
                CloseTransport();
            }

            if (server.CloseNotifyReceived)
            {
                CloseTransport();
            }
        }

        // A datagram enqueued after the loop's last look is drained by a new work item.
        Volatile.Write(ref draining, 0);
        ScheduleDrain();
    }

    private void CloseTransport()
    {
        var closing = Interlocked.Exchange(ref transport, null);
        try
        {
            closing?.Close();
        }
        catch (IOException)
        {
            // Closing a transport whose peer is gone.
        }
    }
}
