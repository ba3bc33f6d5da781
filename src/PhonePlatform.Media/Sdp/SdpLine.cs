namespace PhonePlatform.Media.Sdp;

/// <summary>
/// A line this model keeps verbatim (<c>i= u= e= p= b= r= z= k=</c>): it survives a round trip in its place
/// in the RFC 8866 §5 order.
/// </summary>
public sealed record SdpLine(char Type, string Value)
{
    /// <inheritdoc />
    public override string ToString() => Type + "=" + Value;
}
