namespace PhonePlatform.Media.Sdp;

/// <summary>An <c>a=</c> line (RFC 8866 §5.13): a property (<c>a=rtcp-mux</c>) or a value (<c>a=mid:0</c>).</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
