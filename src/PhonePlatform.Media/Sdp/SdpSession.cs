using System.Globalization;
using System.Text;

namespace PhonePlatform.Media.Sdp;

/// <summary>A session description (RFC 8866 §5): session-level lines and media sections, unknown attributes kept.</summary>
public sealed class SdpSession
{
    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; set; }

    /// <summary>The <c>s=</c> line (RFC 8866 §5.3: "-" when there is no name).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>The session-level <c>c=</c> line, if any.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The <c>t=</c> lines; <c>0 0</c> for an unbounded session.</summary>
    public List<string> Timings { get; } = [];

    /// <summary>Other kept session-level lines (<c>i= u= e= p= b= r= z= k=</c>).</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>Session-level attributes in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Media sections in order.</summary>
    public List<SdpMediaDescription> Media { get; } = [];

    /// <summary>The value of the first session-level attribute called <paramref name="name"/>, or null.</summary>
    public string? GetAttribute(string name) => Attributes.Find(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>A media-level attribute, falling back to the session level (as ICE and DTLS attributes may be).</summary>
    public string? GetAttribute(SdpMediaDescription media, string name)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.GetAttribute(name) ?? GetAttribute(name);
    }

    /// <summary>Serialises in the order of RFC 8866 §5 with CRLF line ends.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(1024);
        Line(text, 'v', "0");
        Line(text, 'o', Origin.ToString());
        Line(text, 's', SessionName);
        foreach (var type in "iuep")
        {
            Other(text, OtherLines, type);
        }

        if (Connection is not null)
        {
            Line(text, 'c', Connection.ToString());
        }

        Other(text, OtherLines, 'b');
        foreach (var timing in Timings.Count == 0 ? ["0 0"] : Timings)
        {
            Line(text, 't', timing);
        }

        foreach (var type in "rzk")
        {
            Other(text, OtherLines, type);
        }

        foreach (var attribute in Attributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        foreach (var media in Media)
        {
            var port = media.Port.ToString(CultureInfo.InvariantCulture)
                + (media.PortCount is { } count ? "/" + count.ToString(CultureInfo.InvariantCulture) : "");
            Line(text, 'm', $"{media.Media} {port} {media.Protocol} {string.Join(' ', media.Formats)}");
            Other(text, media.OtherLines, 'i');
            if (media.Connection is not null)
            {
                Line(text, 'c', media.Connection.ToString());
            }

            Other(text, media.OtherLines, 'b');
            Other(text, media.OtherLines, 'k');
            foreach (var attribute in media.Attributes)
            {
                Line(text, 'a', attribute.ToString());
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");

    private static void Other(StringBuilder text, List<SdpLine> lines, char type)
    {
        foreach (var line in lines)
        {
            if (line.Type == type)
            {
                Line(text, type, line.Value);
            }
        }
    }
}
