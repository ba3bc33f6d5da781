using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using PhonePlatform.Sip.Internal;
using PhonePlatform.Sip.Protection;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip;

/// <summary>
/// The SIP endpoint: owns the transports and the transaction layer (RFC 3261 §17), answers what the RFC requires of
/// the stack itself (100 Trying, CANCEL, retransmissions, malformed requests), and hands new requests to the
/// <see cref="ISipRequestHandler"/> (the TU). Requests are sent through <see cref="SendRequestAsync"/>, which returns the
/// client transaction whose responses can be observed and awaited.
/// </summary>
public sealed partial class SipStack : ISipTransportReceiver, ITransactionHost, IAsyncDisposable
{
    private readonly List<SipTransport> transports = [];
    private readonly ConcurrentDictionary<string, SipClientTransaction> clientTransactions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> serverTransactions = new(StringComparer.Ordinal);
    private readonly Invite2xxRetransmitter invite2xx;
    private readonly AckCache ackCache;
    private readonly AcceptedInvites acceptedInvites;
    private readonly SourceRateLimiter rateLimiter;
    private readonly ScannerDetector scannerDetector;
    private int transactionCount;

    public SipStack(SipStackOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new SipStackOptions();
        TimeProvider = timeProvider ?? TimeProvider.System;
        invite2xx = new Invite2xxRetransmitter(this);
        invite2xx.AckTimedOut += OnAckTimedOut;
        ackCache = new AckCache(TimeProvider, Options.Timers.TransactionTimeout);
        acceptedInvites = new AcceptedInvites(TimeProvider, Options.Timers.TransactionTimeout);
        rateLimiter = new SourceRateLimiter(Options.Protection, TimeProvider);
        scannerDetector = new ScannerDetector(Options.Protection);
    }

    public SipStackOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    SipTimers ITransactionHost.Timers => Options.Timers;

    public ISipRequestHandler? RequestHandler { get; set; }

    public IReadOnlyList<SipTransport> Transports => transports;

    public int ActiveTransactionCount => Volatile.Read(ref transactionCount);

    /// <summary>A response that matched no client transaction (e.g. a retransmitted or forked 2xx to INVITE).</summary>
    public event Action<SipResponse, SipEndPoint>? StrayResponseReceived;

    /// <summary>A 2xx to INVITE was retransmitted for 64*T1 without ACK (RFC 3261 §13.3.1.4: the UAS should send BYE).</summary>
    public event Action<SipResponse>? AckTimedOut;

    /// <summary>Input that was discarded, with the reason (malformed, rate limited, scanner, …). For metrics and tests.</summary>
    public event Action<SipEndPoint, string>? MessageDropped;

    public void AddTransport(SipTransport transport)
    {
        transport.Attach(this);
        transports.Add(transport);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var transport in transports)
        {
            await transport.StartAsync(cancellationToken);
        }
    }

    public SipTransport GetTransport(SipTransportKind kind) =>
        transports.Find(t => t.Kind == kind) ?? throw new InvalidOperationException($"No {kind} transport is configured.");

    /// <summary>host:port as written into Via and Contact for <paramref name="transport"/> (RFC 3261 §18.1.1 sent-by).</summary>
    public static string SentBy(SipTransport transport)
    {
        var address = transport.LocalEndPoint.Address;
        var host = transport.AdvertisedHost
            ?? (address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        return host + ":" + transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A Contact URI that reaches this stack over <paramref name="kind"/>.</summary>
    public SipUri CreateContactUri(SipTransportKind kind, string? user = null)
    {
        var transport = GetTransport(kind);
        var uri = SipUri.Parse($"sip:{(user is null ? string.Empty : user + "@")}{SentBy(transport)}");
        if (kind != SipTransportKind.Udp)
        {
            uri.Transport = kind.ToViaToken().ToLowerInvariant();
        }

        return uri;
    }

    /// <summary>
    /// Builds a new out-of-dialog request (RFC 3261 §8.1.1): Request-URI, To, From with a fresh tag, Call-ID, CSeq,
    /// Max-Forwards. The Via is added when the request is sent.
    /// </summary>
    public SipRequest CreateRequest(string method, SipUri requestUri, SipNameAddress from, SipNameAddress to, uint cseq = 1, string? callId = null)
    {
        var request = new SipRequest(method, requestUri);
        from = from.Clone();
        from.Tag ??= SipTags.New();
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, from.ToString());
        request.Headers.Add(SipHeaderNames.To, to.ToString());
        request.Headers.Add(SipHeaderNames.CallId, callId ?? SipTags.NewCallId(requestUri.Host));
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(cseq, method).ToString());
        request.Headers.Add(SipHeaderNames.UserAgent, Options.UserAgent);
        return request;
    }

    /// <summary>
    /// Sends a request inside a new client transaction (RFC 3261 §17.1). A topmost Via with a fresh branch and
    /// <c>rport</c> (RFC 3581) is added unless the request already carries one with a branch (CANCEL reuses the INVITE's).
    /// </summary>
    public async ValueTask<SipClientTransaction> SendRequestAsync(SipRequest request, SipEndPoint destination)
    {
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("ACK has no client transaction; use SendAckAsync.", nameof(request));
        }

        EnsureVia(request, destination);
        if (!request.Headers.Contains(SipHeaderNames.MaxForwards))
        {
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        }

        var key = ClientKey(request.TopVia!.Branch!, request.Method);
        var transaction = new SipClientTransaction(this, request, destination, key);
        if (!clientTransactions.TryAdd(key, transaction))
        {
            throw new InvalidOperationException("A client transaction with this branch already exists.");
        }

        Interlocked.Increment(ref transactionCount);
        await transaction.StartAsync();
        return transaction;
    }

    /// <summary>
    /// Sends the ACK for a 2xx to INVITE (RFC 3261 §13.2.2.4), outside any transaction, and re-sends it whenever that 2xx
    /// is retransmitted.
    /// </summary>
    public async ValueTask SendAckAsync(SipRequest ack, SipEndPoint destination)
    {
        EnsureVia(ack, destination);
        ackCache.Remember(ack, destination);
        await SendStatelessAsync(ack, destination);
    }

    /// <summary>Sends a message without a transaction (stateless responses, ACK).</summary>
    public async ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination)
    {
        if (!await ((ITransactionHost)this).TrySendAsync(destination, message))
        {
            throw new SipTransportException($"Could not send to {destination}.");
        }
    }

    private void EnsureVia(SipRequest request, SipEndPoint destination)
    {
        if (request.TopVia is { Branch.Length: > 0 })
        {
            return;
        }

        var transport = GetTransport(destination.Transport);
        var via = SipViaHeader.TryParse($"SIP/2.0/{destination.Transport.ToViaToken()} {SentBy(transport)}", out var v) ? v : null;
        via!.Parameters.Set("branch", SipViaHeader.NewBranch());
        via.Parameters.Set("rport", null);
        request.Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    async ValueTask<bool> ITransactionHost.TrySendAsync(SipEndPoint destination, SipMessage message)
    {
        var transport = transports.Find(t => t.Kind == destination.Transport);
        if (transport is null)
        {
            return false;
        }

        try
        {
            await transport.SendAsync(destination, message.ToArray(), CancellationToken.None);
            return true;
        }
        catch (SipTransportException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    void ITransactionHost.OnTerminated(SipClientTransaction transaction)
    {
        if (clientTransactions.TryRemove(new KeyValuePair<string, SipClientTransaction>(transaction.Key, transaction)))
        {
            Interlocked.Decrement(ref transactionCount);
        }
    }

    void ITransactionHost.OnTerminated(SipServerTransaction transaction)
    {
        if (serverTransactions.TryRemove(new KeyValuePair<string, SipServerTransaction>(transaction.Key, transaction)))
        {
            Interlocked.Decrement(ref transactionCount);
        }
    }

    void ITransactionHost.Retransmit2xxUntilAck(SipServerTransaction transaction, SipResponse response)
    {
        acceptedInvites.Remember(transaction.Key);
        invite2xx.Start(transaction, response);
    }

    private static string ClientKey(string branch, string method) =>
        string.Concat(branch, "|", method == SipMethods.Ack ? SipMethods.Invite : method);

    /// <summary>RFC 3261 §17.2.3: branch, sent-by and method (ACK matches its INVITE).</summary>
    private static string ServerKey(SipViaHeader via, string method) =>
        string.Concat(via.Branch, "|", via.Host, ":", via.Port?.ToString(CultureInfo.InvariantCulture), "|", method == SipMethods.Ack ? SipMethods.Invite : method);

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in transports)
        {
            await transport.DisposeAsync();
        }
    }
}
