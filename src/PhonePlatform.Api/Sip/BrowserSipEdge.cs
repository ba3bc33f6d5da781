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
/// Calls are the gateway's: until its B2BUA takes requests, anything but REGISTER/OPTIONS is refused.
/// </summary>
public sealed class BrowserSipEdge : IHostedService, ISipRequestHandler, IAsyncDisposable
{
    private readonly SipStack stack;
    private readonly SipRegistrar registrar;

    public BrowserSipEdge(IOptions<SipEdgeOptions> options, ILocationService locations, TimeProvider timeProvider)
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
            case SipMethods.Options:
                await transaction.RespondAsync(200);
                break;
            default:
                // RFC 3261 §21.4.18: the callee is not reachable through this edge yet.
                await transaction.RespondAsync(480, "Temporarily Unavailable");
                break;
        }
    }

    public ValueTask DisposeAsync() => stack.DisposeAsync();
}
