using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.Transport.Internal;

namespace PhonePlatform.Media.WebRtc;

/// <summary>
/// One browser call leg: one UDP port carrying STUN, DTLS, SRTP and SRTCP (RFC 8834 §4.4, demultiplexed by
/// RFC 7983), either its own or one of the process's <see cref="MultiplexedMediaPorts"/>, an ICE-lite agent, a DTLS-SRTP server, and the answer SDP that describes them.
/// Open it, answer the browser's offer with <see cref="TryAcceptOffer"/>, await <see cref="Connected"/>.
/// DTLS is taken only from an address that passed an authenticated ICE check; the leg ends (see
/// <see cref="Ended"/>) when consent expires, the handshake fails, or the browser closes DTLS.
/// </summary>
public sealed partial class WebRtcLeg : IAsyncDisposable
{
    private readonly WebRtcLegOptions options;
    private readonly MediaSocket? socket;
    private readonly MultiplexedMediaSocket? shared;
    private MultiplexedRoute? route;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<DtlsSrtpKeys> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private IceLiteAgent? ice;
    private DtlsSrtpServer? dtls;
    private IPEndPoint? dtlsPeer;
    private SocketAddress? dtlsPeerAddress;
    private readonly byte[] stunResponse = new byte[IceLiteAgent.MaxResponseLength];
    private readonly IPEndPoint sourceTemplate;
    private IAsyncDisposable? receiving;
    private SocketAddress? lastAddress;
    private IPEndPoint? lastSource;
    private bool handshakeStarted;
    private int sessionVersion;
    private int ended;

    private WebRtcLeg(WebRtcLegOptions options, MediaSocket? socket, MultiplexedMediaSocket? shared)
    {
        this.options = options;
        this.socket = socket;
        this.shared = shared;
        LocalIce = IceCredentials.Generate();
        sourceTemplate = new IPEndPoint(options.Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        SessionId = ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The leg's address and port (its host candidate).</summary>
    public IPEndPoint LocalEndPoint => socket?.LocalEndPoint ?? shared!.LocalEndPoint;

    /// <summary>Our ICE credentials, stable for the leg's life.</summary>
    public IceCredentials LocalIce { get; }

    /// <summary>What the accepted offer agreed.</summary>
    public SdpNegotiation? Negotiation { get; private set; }

    /// <summary>Counters of what the socket received and dropped.</summary>
    public MediaCounters Counters { get; } = new();

    /// <summary>Completes when DTLS-SRTP is established; faults when the handshake fails.</summary>
    public Task<DtlsSrtpKeys> Connected => connected.Task;

    /// <summary>Where media goes: the address the browser nominated, or until it does, the one DTLS came from.</summary>
    public IPEndPoint? RemoteEndPoint => ice?.NominatedEndPoint ?? dtlsPeer;

    /// <summary>Raised once when the leg ends by itself, with the reason.</summary>
    public event Action<string>? Ended;

    private string SessionId { get; }

    /// <summary>
    /// Binds a socket on the configured address with a port from the allocator, or with
    /// <see cref="WebRtcLegOptions.Multiplexed"/> set takes one of those shared ports.
    /// </summary>
    public static WebRtcLeg Open(WebRtcLegOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Multiplexed is { } multiplexed
            ? new WebRtcLeg(options, null, multiplexed.Next())
            : new WebRtcLeg(options, MediaSocket.Open(options.Address, options.Ports), null);
    }

    /// <summary>
    /// Answers a browser offer. The first offer starts ICE and DTLS; a re-offer (hold, session refresh) with the
    /// same ICE credentials and fingerprint is answered with the same ones. False, with a reason, when the offer is
    /// malformed or unusable (no fingerprint, no rtcp-mux, no G.711, an ICE restart).
    /// </summary>
    public bool TryAcceptOffer(string offerSdp, out string? answerSdp, out string? error)
    {
        answerSdp = null;
        if (!SdpParser.TryParse(offerSdp, out var offer, out error))
        {
            return false;
        }

        lock (gate)
        {
            var local = new WebRtcLocalDescription
            {
                Address = options.Address, Port = LocalEndPoint.Port, Ice = LocalIce, Fingerprint = options.Certificate.Fingerprint.ToString(),
                CodecPreference = options.CodecPreference, SessionId = SessionId, SessionVersion = ++sessionVersion,
            };
            if (!SdpAnswerer.TryAnswerWebRtc(offer!, local, out var answer, out var negotiation, out error))
            {
                sessionVersion--;
                return false;
            }

            if (Negotiation is { } previous)
            {
                if (previous.RemoteIceUfrag != negotiation!.RemoteIceUfrag || previous.RemoteFingerprint != negotiation.RemoteFingerprint)
                {
                    sessionVersion--;
                    error = "ICE restart or a new DTLS fingerprint is not supported on an established leg";
                    return false;
                }
            }
            else
            {
                Start(negotiation!);
            }

            Negotiation = negotiation;
            answerSdp = answer!.ToString();
            return true;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref ended, 1);

        // Close DTLS first, while the socket can still carry its close_notify to the browser (RFC 5246 §7.2.1).
        dtls?.Dispose();
        await stopping.CancelAsync();
        if (receiving is not null)
        {
            await receiving.DisposeAsync();
        }

        socket?.Dispose();

        ice?.Dispose();
        DisposeSrtp();
        stopping.Dispose();
    }

    private void Start(SdpNegotiation negotiation)
    {
        if (!DtlsFingerprint.TryParse(negotiation.RemoteFingerprint, out var remoteFingerprint))
        {
            throw new InvalidOperationException("The answerer accepted a fingerprint it cannot parse.");
        }

        ice = new IceLiteAgent(LocalIce, negotiation.RemoteIceUfrag!, options.TimeProvider, options.ConsentTimeout);
        ice.ConsentExpired += () => End("ICE consent expired: no valid check from the browser");
        dtls = new DtlsSrtpServer(options.Certificate, remoteFingerprint, SendDtls, options.Dtls);
        dtls.Closed += () => End("the browser closed DTLS (close_notify)");
        dtls.KeysExported += OnKeys;
        if (shared is not null)
        {
            route = shared.Attach(LocalIce.Ufrag, OnDatagram);
            receiving = route;
        }
        else
        {
            receiving = options.Receiver.Register(socket!.Socket, OnDatagram);
        }
    }

    private void StartHandshake()
    {
        _ = dtls!.HandshakeAsync(stopping.Token).ContinueWith(
            task =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    connected.TrySetResult(task.Result);
                }
                else
                {
                    var reason = task.Exception?.InnerException?.Message ?? "the DTLS handshake was cancelled";
                    connected.TrySetException(task.Exception?.InnerException ?? new DtlsHandshakeException(reason));
                    End(reason);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // On the receiver's thread for this socket: one datagram at a time.
    private void OnDatagram(byte[] buffer, int length, SocketAddress from)
    {
        // One IPEndPoint per distinct source, not per packet.
        if (lastAddress is null || !from.Equals(lastAddress))
        {
            lastSource = (IPEndPoint)sourceTemplate.Create(from);
            lastAddress = new SocketAddress(from.Family, from.Size);
            from.Buffer.Span[..from.Size].CopyTo(lastAddress.Buffer.Span);
        }

        var datagram = buffer.AsSpan(0, length);
        switch (MediaPacketClassifier.Classify(datagram))
        {
            case MediaPacketKind.Stun:
                HandleStun(datagram, lastSource!, lastAddress, stunResponse);
                break;
            case MediaPacketKind.Dtls when ice!.IsValidatedSource(lastSource!):
                Counters.CountDtlsReceived();
                dtlsPeer = lastSource;
                dtlsPeerAddress = lastAddress;
                if (!handshakeStarted)
                {
                    handshakeStarted = true;
                    StartHandshake();
                }

                dtls!.DeliverDatagram(datagram);
                break;
            case MediaPacketKind.Dtls:
                Counters.CountDtlsDroppedUnverifiedSource();
                MediaDrops.Count(MediaDropReason.UnverifiedSource);
                break;
            case MediaPacketKind.Rtp or MediaPacketKind.Rtcp:
                HandleSrtp(buffer, length, lastSource!);
                break;
            default:
                Counters.CountUnknownDropped();
                MediaDrops.Count(MediaDropReason.Malformed);
                break;
        }
    }

    private void HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint source, SocketAddress sourceAddress, byte[] response)
    {
        var outcome = ice!.HandleStun(datagram, source, response, out var length);
        switch (outcome)
        {
            case IceCheckOutcome.Answered or IceCheckOutcome.AnsweredAndNominated:
                Counters.CountStunAnswered();
                // On a shared port, DTLS and SRTP from this address now reach this leg.
                route?.AddSource(sourceAddress);
                break;
            case IceCheckOutcome.Dropped:
                Counters.CountStunDropped();
                break;
            default:
                Counters.CountStunRejected();
                break;
        }

        if (length > 0)
        {
            Send(response.AsSpan(0, length), sourceAddress);
        }
    }

    private void SendDtls(ReadOnlyMemory<byte> datagram)
    {
        if (dtlsPeerAddress is { } peer)
        {
            Send(datagram.Span, peer);
        }
    }

    private void Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        if (route is not null)
        {
            route.TrySend(datagram, destination);
            return;
        }

        try
        {
            socket!.Socket.SendTo(datagram, SocketFlags.None, destination);
        }
        catch (SocketException)
        {
            // UDP: a failed send is a lost packet.
        }
        catch (ObjectDisposedException)
        {
            // The leg is closing.
        }
    }

    private void End(string reason)
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            Ended?.Invoke(reason);
        }
    }
}
