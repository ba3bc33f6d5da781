using System.Buffers;
using System.Numerics;
using System.Text;

namespace PhonePlatform.Sip;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF.</summary>
internal static class SipGrammar
{
    private const string AlphaNum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>The token characters (below) as a vectorizable set for scanning received bytes.</summary>
    public static readonly SearchValues<byte> TokenBytes = SearchValues.Create(Encoding.ASCII.GetBytes(AlphaNum + "-.!%*_+`'~"));

    /// <summary>
    /// Parameter names: token plus the URI characters paramchar allows ([ ] / : &amp; $ and escapes); values add
    /// @ ? ( ) and UTF-8. As vectorizable sets for scanning received bytes (RFC 3261 §25.1).
    /// </summary>
    public static readonly SearchValues<byte> ParamBytes = SearchValues.Create(Encoding.ASCII.GetBytes(AlphaNum + "-.!%*_+`'~[]/:&$"));

    public static readonly SearchValues<byte> ParamValueBytes = SearchValues.Create(
        [.. Encoding.ASCII.GetBytes(AlphaNum + "-.!%*_+`'~[]/:&$@?()"), .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    /// <summary>hostname and IPv4address characters.</summary>
    public static readonly SearchValues<byte> HostBytes = SearchValues.Create(Encoding.ASCII.GetBytes(AlphaNum + "-."));

    /// <summary>Index of the first byte at or after <paramref name="start"/> not in <paramref name="set"/> (the length if none).</summary>
    public static int SkipAll(ReadOnlySpan<byte> text, int start, SearchValues<byte> set)
    {
        var offset = text[start..].IndexOfAnyExcept(set);
        return offset < 0 ? text.Length : start + offset;
    }

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(int c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsToken(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenBytes);

    /// <summary>Index of the closing quote of a quoted-string starting at <paramref name="start"/>, honouring quoted-pair; -1 if unterminated.</summary>
    public static int FindQuotedStringEnd<T>(ReadOnlySpan<T> text, int start)
        where T : unmanaged, IBinaryInteger<T>
    {
        var backslash = T.CreateTruncating('\\');
        var quote = T.CreateTruncating('"');
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == backslash)
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The parameter names seen in nearly every message come back as shared strings instead of new ones.</summary>
    public static string InternParameterName(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("tag"u8) => "tag",
        _ when name.SequenceEqual("branch"u8) => "branch",
        _ when name.SequenceEqual("lr"u8) => "lr",
        _ when name.SequenceEqual("transport"u8) => "transport",
        _ when name.SequenceEqual("user"u8) => "user",
        _ when name.SequenceEqual("rport"u8) => "rport",
        _ when name.SequenceEqual("received"u8) => "received",
        _ when name.SequenceEqual("expires"u8) => "expires",
        _ when name.SequenceEqual("ob"u8) => "ob",
        _ when name.SequenceEqual("reg-id"u8) => "reg-id",
        _ when name.SequenceEqual("+sip.instance"u8) => "+sip.instance",
        _ => Encoding.UTF8.GetString(name),
    };

    /// <summary>An IPv6 address as in a SIP host (RFC 3261 §25.1 IPv6reference without brackets), checked without allocating.</summary>
    public static bool IsIPv6Address(ReadOnlySpan<byte> text) => System.Net.IPAddress.IsValidUtf8(text);

    public static int SkipWhitespace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Splits a header value on top-level commas (RFC 3261 §7.3.1), ignoring commas inside quotes and angle brackets.
    /// </summary>
    public static List<string> SplitTopLevelCommas(string value)
    {
        var parts = new List<string>(2);
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '"':
                    var close = FindQuotedStringEnd(value.AsSpan(), i);
                    i = close < 0 ? value.Length - 1 : close;
                    break;
                case '<':
                    depth++;
                    break;
                case '>':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    parts.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(value[start..].Trim());
        return parts;
    }
}
