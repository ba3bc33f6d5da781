using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Webhooks.Internal;

/// <summary>The destination resolved to an address a webhook may not reach.</summary>
internal sealed class DestinationRefusedException(string message) : IOException(message);

/// <summary>
/// The connect step of the webhook HTTP handler: resolves the host once, refuses the connection when any of its
/// addresses is not public (<see cref="DestinationPolicy"/>), and connects to the checked address itself, so a DNS
/// answer that changes between check and connect (rebinding) cannot redirect the request inside the network.
/// </summary>
internal sealed class PinnedConnector(DestinationPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0 || !addresses.All(policy.IsAllowed))
        {
            throw new DestinationRefusedException($"Destination {host} resolves to an address webhooks may not reach.");
        }

        var socket = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(addresses[0], context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The handler every webhook request goes through: pinned connects, no proxy, no redirects, no cookies.</summary>
    public static SocketsHttpHandler CreateHandler(DestinationPolicy policy) => new()
    {
        ConnectCallback = new PinnedConnector(policy).ConnectAsync,
        UseProxy = false,
        // The Standard Webhooks spec: a redirect is a failed delivery, never followed (it could point inside the network).
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
