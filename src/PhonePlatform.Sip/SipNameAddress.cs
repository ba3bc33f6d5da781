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
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        if (s == "*")
        {
            value = Wildcard;
            return true;
        }

        var i = 0;
        string? display = null;
        int uriStart;
        int uriEnd;
        if (s.StartsWith('"'))
        {
            var close = SipGrammar.FindQuotedStringEnd(s, 0);
            if (close < 0)
            {
                return false;
            }

            display = UnquoteDisplayName(s.AsSpan(1, close - 1));
            i = SkipWhitespace(s, close + 1);
            if (i >= s.Length || s[i] != '<')
            {
                return false;
            }
        }
        else
        {
            var angle = s.IndexOf('<', StringComparison.Ordinal);
            if (angle > 0)
            {
                // RFC 3261 §25.1: display-name = *(token LWS) / quoted-string.
                var tokens = s[..angle].Trim();
                foreach (var part in tokens.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!SipGrammar.IsToken(part))
                    {
                        return false;
                    }
                }

                display = tokens.Length == 0 ? null : tokens;
            }

            i = angle < 0 ? 0 : angle;
        }

        SipUri uri;
        if (i < s.Length && s[i] == '<')
        {
            uriStart = i + 1;
            uriEnd = s.IndexOf('>', uriStart);
            if (uriEnd < 0)
            {
                return false;
            }

            if (!SipUri.TryParse(s[uriStart..uriEnd], out uri))
            {
                return false;
            }

            i = uriEnd + 1;
        }
        else
        {
            // addr-spec: the URI ends at the first ';' (RFC 3261 §20.10: header parameters, not URI parameters),
            // and it must not contain ',', '?' or ';' of its own.
            uriStart = 0;
            uriEnd = s.IndexOf(';', StringComparison.Ordinal);
            if (uriEnd < 0)
            {
                uriEnd = s.Length;
            }

            var uriText = s[uriStart..uriEnd].TrimEnd();
            if (uriText.Contains('?', StringComparison.Ordinal) || uriText.Contains(',', StringComparison.Ordinal)
                || uriText.Contains(' ', StringComparison.Ordinal) || !SipUri.TryParse(uriText, out uri))
            {
                return false;
            }

            i = uriEnd;
        }

        var result = new SipNameAddress(uri, display);
        if (!SipParameters.TryParse(s, i, result.Parameters, out var end) || end != s.Length)
        {
            return false;
        }

        value = result;
        return true;
    }

    private static int SkipWhitespace(string s, int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    private static string UnquoteDisplayName(ReadOnlySpan<char> quoted)
    {
        if (!quoted.Contains('\\'))
        {
            return quoted.ToString();
        }

        var builder = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            builder.Append(quoted[i]);
        }

        return builder.ToString();
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
