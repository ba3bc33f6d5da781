using System.Net;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Sip;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>GET /sip</c> upgraded to a WebSocket with the <c>sip</c> subprotocol (RFC 7118 §4.1), handed to the SIP stack's
/// WebSocket transport. Anonymous at the HTTP layer: the registrar authenticates every REGISTER with digest.
/// </summary>
public static class SipWebSocketEndpoints
{
    public static WebApplication MapSipWebSocket(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SipEdgeOptions>>().Value;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.WebSocketPingInterval, KeepAliveTimeout = options.WebSocketPingInterval * 2 });
        app.Map("/sip", AcceptAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task AcceptAsync(HttpContext context, BrowserSipEdge edge)
    {
        // RFC 7118 §4.1: the client must offer "sip"; a server without a matching subprotocol refuses the upgrade.
        if (!context.WebSockets.IsWebSocketRequest
            || !context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketSipTransport.SubProtocol, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(WebSocketSipTransport.SubProtocol);
        var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.IPv6None, context.Connection.RemotePort);
        await edge.RunConnectionAsync(socket, remote, context.RequestAborted);
    }
}
