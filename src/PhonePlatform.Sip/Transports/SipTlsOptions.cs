using System.Net.Security;
using System.Security.Authentication;

namespace PhonePlatform.Sip.Transports;

/// <summary>TLS settings for <see cref="TcpSipTransport"/> (RFC 3261 §26.2.1; TLS 1.3 preferred, 1.2 accepted).</summary>
public sealed record SipTlsOptions
{
    /// <summary>Server side: certificate and client-certificate policy. Null for a client-only transport.</summary>
    public SslServerAuthenticationOptions? Server { get; init; }

    /// <summary>Client side (outbound connections, e.g. to a TLS trunk). TargetHost is filled per connection when empty.</summary>
    public SslClientAuthenticationOptions Client { get; init; } = new();

    public static SslProtocols Protocols => SslProtocols.Tls13 | SslProtocols.Tls12;
}
