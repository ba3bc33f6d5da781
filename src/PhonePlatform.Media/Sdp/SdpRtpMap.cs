namespace PhonePlatform.Media.Sdp;

/// <summary>One <c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c> (RFC 8866 §6.6).</summary>
public sealed record SdpRtpMap(string PayloadType, string EncodingName, int ClockRate, int? Channels)
{
    /// <summary>Parses an rtpmap value; false when malformed.</summary>
    public static bool TryParse(string? value, out SdpRtpMap map)
    {
        map = null!;
        if (value is null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var clock))
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c))
            {
                return false;
            }

            channels = c;
        }

        map = new SdpRtpMap(value[..space], parts[0], clock, channels);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{PayloadType} {EncodingName}/{ClockRate}" + (Channels is { } c ? "/" + c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
