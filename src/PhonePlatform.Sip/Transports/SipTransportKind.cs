namespace PhonePlatform.Sip.Transports;

/// <summary>The transports of RFC 3261 §18 and RFC 7118.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
    WebSocket,
    SecureWebSocket,
}

public static class SipTransportKindExtensions
{
    /// <summary>The Via transport token (RFC 3261 §20.42, RFC 7118 §5.2).</summary>
    public static string ToViaToken(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        SipTransportKind.WebSocket => "WS",
        _ => "WSS",
    };

    /// <summary>RFC 3261 §17: on reliable transports the transaction layer does not retransmit.</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    public static bool TryParseViaToken(string? token, out SipTransportKind kind)
    {
        switch (token?.ToUpperInvariant())
        {
            case "UDP":
                kind = SipTransportKind.Udp;
                return true;
            case "TCP":
                kind = SipTransportKind.Tcp;
                return true;
            case "TLS":
                kind = SipTransportKind.Tls;
                return true;
            case "WS":
                kind = SipTransportKind.WebSocket;
                return true;
            case "WSS":
                kind = SipTransportKind.SecureWebSocket;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
