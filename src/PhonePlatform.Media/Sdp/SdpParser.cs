using System.Globalization;

namespace PhonePlatform.Media.Sdp;

/// <summary>
/// Parses session descriptions (RFC 8866 §5, §9). Tolerant where peers commonly differ (LF-only line ends,
/// missing <c>t=</c>), strict where a wrong value would mislead the media plane (ports, m-line shape), and
/// bounded so hostile input costs little. The Try API never throws.
/// </summary>
public static class SdpParser
{
    /// <summary>Larger descriptions are refused; real ones are a few KiB.</summary>
    public const int MaxLength = 64 * 1024;

    private const int MaxMediaSections = 32;
    private const int MaxLines = 2048;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which line and why.</summary>
    public static bool TryParse(string? text, out SdpSession? session, out string? error)
    {
        session = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty session description";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"session description longer than {MaxLength} characters";
            return false;
        }

        var lines = text.Split('\n');
        if (lines.Length > MaxLines)
        {
            error = $"more than {MaxLines} lines";
            return false;
        }

        SdpOrigin? origin = null;
        string? sessionName = null;
        var result = new SdpSession { Origin = new SdpOrigin("-", "0", "0", "IN", "IP4", "0.0.0.0") };
        SdpMediaDescription? media = null;
        var sawVersion = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var number = index + 1;
            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                error = $"line {number}: not of the form <type>=<value>";
                return false;
            }

            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value != "0")
                {
                    error = "the first line must be v=0";
                    return false;
                }

                sawVersion = true;
                continue;
            }

            switch (type)
            {
                case 'v':
                    error = $"line {number}: repeated v= line";
                    return false;
                case 'o' when media is null && origin is null:
                    if (!TryParseOrigin(value, out origin))
                    {
                        error = $"line {number}: o= needs six fields";
                        return false;
                    }

                    break;
                case 's' when media is null && sessionName is null:
                    sessionName = value;
                    break;
                case 'c':
                    if (!TryParseConnection(value, out var connection))
                    {
                        error = $"line {number}: c= needs <nettype> <addrtype> <address>";
                        return false;
                    }

                    if (media is null)
                    {
                        result.Connection = connection;
                    }
                    else
                    {
                        media.Connection = connection;
                    }

                    break;
                case 't' when media is null:
                    result.Timings.Add(value);
                    break;
                case 'a':
                    if (!TryParseAttribute(value, out var attribute))
                    {
                        error = $"line {number}: attribute without a name";
                        return false;
                    }

                    (media?.Attributes ?? result.Attributes).Add(attribute);
                    break;
                case 'm':
                    if (result.Media.Count == MaxMediaSections)
                    {
                        error = $"more than {MaxMediaSections} media sections";
                        return false;
                    }

                    if (!TryParseMediaLine(value, out media, out var mediaError))
                    {
                        error = $"line {number}: {mediaError}";
                        return false;
                    }

                    result.Media.Add(media);
                    break;
                case 'i' or 'b' or 'k':
                    (media?.OtherLines ?? result.OtherLines).Add(new SdpLine(type, value));
                    break;
                case 'u' or 'e' or 'p' or 'r' or 'z' when media is null:
                    result.OtherLines.Add(new SdpLine(type, value));
                    break;
                default:
                    error = $"line {number}: '{type}=' is not allowed here";
                    return false;
            }
        }

        if (!sawVersion || origin is null || sessionName is null)
        {
            error = "v=, o= and s= lines are required";
            return false;
        }

        result.Origin = origin;
        result.SessionName = sessionName;
        session = result;
        error = null;
        return true;
    }

    private static bool TryParseOrigin(string value, out SdpOrigin? origin)
    {
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        origin = f.Length == 6 ? new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5]) : null;
        return origin is not null;
    }

    private static bool TryParseConnection(string value, out SdpConnection? connection)
    {
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        connection = f.Length == 3 ? new SdpConnection(f[0], f[1], f[2]) : null;
        return connection is not null;
    }

    private static bool TryParseAttribute(string value, out SdpAttribute attribute)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        attribute = new SdpAttribute(name, colon < 0 ? null : value[(colon + 1)..]);
        return name.Length > 0 && !name.Contains(' ', StringComparison.Ordinal);
    }

    // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    private static bool TryParseMediaLine(string value, out SdpMediaDescription media, out string error)
    {
        media = null!;
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4)
        {
            error = "m= needs <media> <port> <proto> and at least one format";
            return false;
        }

        var portText = f[1];
        int? count = null;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(portText[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1)
            {
                error = "m= port count is not a positive number";
                return false;
            }

            count = c;
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = "m= port is not a number from 0 to 65535";
            return false;
        }

        media = new SdpMediaDescription { Media = f[0], Port = port, PortCount = count, Protocol = f[2] };
        media.Formats.AddRange(f.AsSpan(3));
        error = string.Empty;
        return true;
    }
}
