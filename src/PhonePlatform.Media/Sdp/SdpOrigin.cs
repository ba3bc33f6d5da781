namespace PhonePlatform.Media.Sdp;

/// <summary>The <c>o=</c> line (RFC 8866 §5.2).</summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetType, string AddrType, string Address)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddrType} {Address}";
}
