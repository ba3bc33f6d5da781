using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Api.Sip;

/// <summary>
/// The SIP stack behind <c>/sip</c>: a secure WebSocket transport (RFC 7118) fed by the host, and a registrar that
/// digest-authenticates softphones (MD5, which JsSIP sends) against API-issued short-lived tokens and stores each
/// binding with the WebSocket flow it arrived on (RFC 5626) in the <see cref="ILocationService"/> (PostgreSQL), so
/// requests for a browser go down that socket only.
/// It is the process's one SIP stack: with the gateway role, the UDP/TCP transports toward trunks (<see cref="TrunkSipTransports"/>) join it and the B2BUA (<see cref="Calls"/>) takes every other request;
/// without it, anything but REGISTER/OPTIONS is refused with 480.
/// </summary>
public sealed class BrowserSipEdge : IHostedService, ISipRequestHandler, IAsyncDisposable
{
    private readonly SipStack stack;
    private readonly SipRegistrar registrar;
    private int disposed;

    public BrowserSipEdge(IOptions<SipEdgeOptions> options, ILocationService locations, TimeProvider timeProvider, TrunkSipTransports? trunkTransports = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var key = string.IsNullOrWhiteSpace(settings.TokenKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(settings.TokenKey);
        Realm = settings.Realm;
        Credentials = new TimeWindowTokenCredentialStore(key, settings.TokenWindow, timeProvider);
        TokenWindow = settings.TokenWindow;
        Locations = locations;
        // The advertised address only names this hop in Via/Record-Route; browsers are always reached through their flow.
        WebSocket = new WebSocketSipTransport(new IPEndPoint(IPAddress.Loopback, 443), secure: true);
        stack = new SipStack(new SipStackOptions(), timeProvider);
        stack.AddTransport(WebSocket);
        foreach (var transport in trunkTransports?.Transports ?? [])
        {
            stack.AddTransport(transport);
        }

        stack.RequestHandler = this;
        registrar = new SipRegistrar(Locations, Credentials, new SipRegistrarOptions
        {
            Realm = settings.Realm,
            Algorithms = [SipDigestAlgorithm.Md5],
        }, timeProvider);
    }

    public string Realm { get; }

    public TimeSpan TokenWindow { get; }

    public TimeWindowTokenCredentialStore Credentials { get; }

    public ILocationService Locations { get; }

    public WebSocketSipTransport WebSocket { get; }

    public SipStack Stack => stack;

    /// <summary>Call control (the gateway's B2BUA) for everything but REGISTER; null refuses calls with 480.</summary>
    public ISipRequestHandler? Calls { get; set; }

    public Task StartAsync(CancellationToken cancellationToken) => stack.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serves one accepted <c>sip</c> WebSocket until it closes.</summary>
    public Task RunConnectionAsync(WebSocket socket, IPEndPoint remote, CancellationToken cancellationToken) =>
        WebSocket.RunConnectionAsync(socket, remote, cancellationToken);

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        switch (transaction.Request.Method)
        {
            case SipMethods.Register:
                await registrar.HandleAsync(transaction, transaction.CancellationToken);
                break;
            case SipMethods.Options when Calls is null:
                await transaction.RespondAsync(200);
                break;
            default:
                if (Calls is { } calls)
                {
                    await calls.OnRequestAsync(transaction);
                }
                else
                {
                    // RFC 3261 §21.4.18: no gateway in this process; the callee is not reachable through it.
                    await transaction.RespondAsync(480, "Temporarily Unavailable");
                }

                break;
        }
    }

    public ValueTask OnAckAsync(SipRequest ack, SipEndPoint source) => Calls?.OnAckAsync(ack, source) ?? ValueTask.CompletedTask;

    public ValueTask OnAckTimedOutAsync(SipResponse unacknowledged) => Calls?.OnAckTimedOutAsync(unacknowledged) ?? ValueTask.CompletedTask;

    public bool IsTrustedPeer(SipEndPoint source) => Calls?.IsTrustedPeer(source) == true;

    // The container disposes this instance twice (as itself and as the hosted service it also is).
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref disposed, 1) == 0 ? stack.DisposeAsync() : ValueTask.CompletedTask;
}
