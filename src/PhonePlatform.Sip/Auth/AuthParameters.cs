using System.Text;

namespace PhonePlatform.Sip.Auth;

/// <summary>The <c>scheme name=value, name="quoted"</c> syntax of challenges and credentials (RFC 3261 §25.1, RFC 7235).</summary>
internal static class AuthParameters
{
    public static bool TryParse(string? header, out string scheme, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        scheme = string.Empty;
        if (string.IsNullOrWhiteSpace(header) || header.Length > 4096)
        {
            return false;
        }

        var text = header.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        if (space <= 0)
        {
            return false;
        }

        scheme = text[..space];
        var i = space;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            string value;
            if (i < text.Length && text[i] == '"')
            {
                var close = SipGrammar.FindQuotedStringEnd(text.AsSpan(), i);
                if (close < 0)
                {
                    return false;
                }

                value = Unquote(text.AsSpan(i + 1, close - i - 1));
                i = close + 1;
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] is not (',' or ' ' or '\t'))
                {
                    i++;
                }

                value = text[valueStart..i];
            }

            parameters[name] = value;
        }

        return true;
    }

    private static string Unquote(ReadOnlySpan<char> quoted)
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

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
