namespace PhonePlatform.Media.Sdp;

/// <summary>A media section: the <c>m=</c> line and what follows it (RFC 8866 §5.14).</summary>
public sealed class SdpMediaDescription
{
    /// <summary>Media type: audio, video, application...</summary>
    public required string Media { get; set; }

    /// <summary>Transport port; 0 rejects the stream (RFC 3264 §6).</summary>
    public required int Port { get; set; }

    /// <summary>Number of ports when the m-line has <c>port/count</c>.</summary>
    public int? PortCount { get; set; }

    /// <summary>Transport protocol: <c>RTP/AVP</c>, <c>UDP/TLS/RTP/SAVPF</c>...</summary>
    public required string Protocol { get; set; }

    /// <summary>Media formats (RTP payload types for RTP protocols).</summary>
    public List<string> Formats { get; } = [];

    /// <summary>The section's <c>c=</c> line, if any.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Other kept lines (<c>i= b= k=</c>).</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>Attributes in order, unknown ones included.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>True for the RTP profiles this engine can carry (AVP, SAVP, AVPF, SAVPF, over UDP or DTLS).</summary>
    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of the first attribute called <paramref name="name"/>, or null.</summary>
    public string? GetAttribute(string name) => Attributes.Find(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>True when an attribute called <paramref name="name"/> is present.</summary>
    public bool HasAttribute(string name) => Attributes.Exists(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The direction attribute (RFC 8866 §6.7); <c>sendrecv</c> when absent.</summary>
    public string Direction =>
        Attributes.Find(a => a.Value is null && a.Name is "sendrecv" or "sendonly" or "recvonly" or "inactive")?.Name ?? "sendrecv";

    /// <summary>The <c>a=rtpmap</c> of a payload type (RFC 8866 §6.6), e.g. <c>("PCMU", 8000, null)</c>.</summary>
    public SdpRtpMap? GetRtpMap(string payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == "rtpmap" && SdpRtpMap.TryParse(attribute.Value, out var map) && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return null;
    }
}
