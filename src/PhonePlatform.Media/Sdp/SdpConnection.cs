namespace PhonePlatform.Media.Sdp;

/// <summary>The <c>c=</c> line (RFC 8866 §5.7).</summary>
public sealed record SdpConnection(string NetType, string AddrType, string Address)
{
    /// <summary>An <c>IN IP4</c> or <c>IN IP6</c> connection for an address.</summary>
    public static SdpConnection For(System.Net.IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());
    }

    /// <inheritdoc />
    public override string ToString() => $"{NetType} {AddrType} {Address}";
}
