using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// The value of From, To, Contact, Route, Record-Route, P-Asserted-Identity (RFC 3261 §20.10, §25.1):
/// <c>name-addr</c> (<c>"Display" &lt;uri&gt;;params</c>) or <c>addr-spec</c> (<c>uri;params</c>, where the
/// parameters belong to the header, not the URI). <c>*</c> is the Contact wildcard.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    private SipNameAddress()
    {
        Uri = null!;
    }

    /// <summary>The display name, unquoted with quoted-pairs resolved.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    public SipParameters Parameters { get; private set; } = new();

    public bool IsWildcard { get; private set; }

    public string? Tag
    {
        get => Parameters.Get("tag");
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static SipNameAddress Wildcard { get; } = new() { IsWildcard = true };

    public static SipNameAddress Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"Not a valid name-addr: '{text}'.");

    public static bool TryParse(string? text, out SipNameAddress value)
    {
        value = null!;
        return text is not null && TryParse(Encoding.UTF8.GetBytes(text), out value);
    }

    /// <summary>Parses a header value from its UTF-8 bytes (e.g. a slice of a received message).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SipNameAddress value)
    {
        var valid = TryScan(utf8, build: true, out var parsed);
        value = parsed!;
        return valid;
    }

    /// <summary>
    /// The one name-addr / addr-spec grammar (RFC 3261 §25.1). With <paramref name="build"/> false it only checks the
    /// syntax without allocating (the receive path's validation); otherwise it also creates the value.
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> text, bool build, out SipNameAddress? value)
    {
        value = null;
        var s = text.Trim(" \t\r\n"u8);
        if (s.Length == 1 && s[0] == '*')
        {
            value = Wildcard;
            return true;
        }

        var i = 0;
        var display = ReadOnlySpan<byte>.Empty;
        var quotedDisplay = false;
        if (!s.IsEmpty && s[0] == '"')
        {
            var close = SipGrammar.FindQuotedStringEnd(s, 0);
            if (close < 0)
            {
                return false;
            }

            display = s[1..close];
            quotedDisplay = true;
            i = SipGrammar.SkipWhitespace(s, close + 1);
            if (i >= s.Length || s[i] != '<')
            {
                return false;
            }
        }
        else
        {
            var angle = s.IndexOf((byte)'<');
            if (angle > 0)
            {
                // RFC 3261 §25.1: display-name = *(token LWS) / quoted-string.
                display = s[..angle].Trim(" \t\r\n"u8);
                if (!IsTokenList(display))
                {
                    return false;
                }
            }

            i = angle < 0 ? 0 : angle;
        }

        SipUri? uri;
        if (i < s.Length && s[i] == '<')
        {
            var uriStart = i + 1;
            var uriEnd = s[uriStart..].IndexOf((byte)'>');
            if (uriEnd < 0 || !SipUri.TryScan(s.Slice(uriStart, uriEnd), build, out uri, out _))
            {
                return false;
            }

            i = uriStart + uriEnd + 1;
        }
        else
        {
            // addr-spec: the URI ends at the first ';' (RFC 3261 §20.10: header parameters, not URI parameters),
            // and it must not contain ',', '?' or ';' of its own.
            var uriEnd = s.IndexOf((byte)';');
            if (uriEnd < 0)
            {
                uriEnd = s.Length;
            }

            var uriText = s[..uriEnd].TrimEnd(" \t\r\n"u8);
            if (uriText.ContainsAny("?, "u8) || !SipUri.TryScan(uriText, build, out uri, out _))
            {
                return false;
            }

            i = uriEnd;
        }

        var parameters = build ? new SipParameters() : null;
        if (!SipParameters.TryParse(s, i, parameters, out var end) || end != s.Length)
        {
            return false;
        }

        if (build)
        {
            var displayName = quotedDisplay ? UnquoteDisplayName(display) : display.IsEmpty ? null : Encoding.UTF8.GetString(display);
            value = new SipNameAddress(uri!, displayName) { Parameters = parameters! };
        }

        return true;
    }

    private static bool IsTokenList(ReadOnlySpan<byte> tokens)
    {
        foreach (var c in tokens)
        {
            if (c is not ((byte)' ' or (byte)'\t') && !SipGrammar.IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string UnquoteDisplayName(ReadOnlySpan<byte> quoted)
    {
        if (!quoted.Contains((byte)'\\'))
        {
            return Encoding.UTF8.GetString(quoted);
        }

        Span<byte> unquoted = quoted.Length <= 256 ? stackalloc byte[quoted.Length] : new byte[quoted.Length];
        var length = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            unquoted[length++] = quoted[i];
        }

        return Encoding.UTF8.GetString(unquoted[..length]);
    }

    public SipNameAddress Clone() =>
        IsWildcard ? this : new(Uri.Clone(), DisplayName) { Parameters = Parameters.Clone() };

    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        var builder = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append('"');
            foreach (var c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append("\" ");
        }

        builder.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
