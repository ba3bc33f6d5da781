using System.Globalization;
using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1): <c>sip:user:password@host:port;uri-parameters?headers</c>.
/// Other absolute URIs (tel:, or schemes nobody has heard of, RFC 4475 §3.1.1.12) are kept opaque.
/// Escapes are left as received; comparison per §19.1.4 is done by <see cref="EquivalentTo"/>.
/// </summary>
public sealed class SipUri
{
    private const int MaxLength = 4096;

    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme;
        User = user;
        Host = host;
        Port = port;
    }

    public string Scheme { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; private set; } = new();

    /// <summary>The <c>?hname=hvalue&amp;…</c> part without the question mark, if any.</summary>
    public string? Headers { get; set; }

    /// <summary>For non-SIP schemes: everything after the colon.</summary>
    public string? Opaque { get; private set; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsSecure => Scheme == "sips";

    public string? Transport
    {
        get => Parameters.Get("transport");
        set
        {
            if (value is null)
            {
                Parameters.Remove("transport");
            }
            else
            {
                Parameters.Set("transport", value);
            }
        }
    }

    public bool LooseRouting => Parameters.Contains("lr");

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"Not a valid URI: '{text}'.");

    public static bool TryParse(string? text, out SipUri uri)
    {
        uri = null!;
        return !string.IsNullOrEmpty(text) && text.Length <= MaxLength && TryParse(Encoding.UTF8.GetBytes(text), out uri);
    }

    /// <summary>Parses a URI from its UTF-8 bytes (e.g. a slice of a received message).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SipUri uri)
    {
        var valid = TryScan(utf8, build: true, out var parsed, out _);
        uri = parsed!;
        return valid;
    }

    /// <summary>
    /// The one URI grammar (RFC 3261 §19.1.1, §25.1). With <paramref name="build"/> false it only checks the syntax and
    /// allocates nothing (the receive path's validation); otherwise it also creates the <see cref="SipUri"/>.
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> text, bool build, out SipUri? uri, out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        var colon = text.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var schemeSpan = text[..colon];
        var isSip = Ascii.EqualsIgnoreCase(schemeSpan, "sip"u8);
        var isSips = !isSip && Ascii.EqualsIgnoreCase(schemeSpan, "sips"u8);
        if (!isSip && !isSips)
        {
            if (!IsScheme(schemeSpan))
            {
                return false;
            }

            var rest = text[(colon + 1)..];
            if (rest.IsEmpty || rest.IndexOfAnyInRange((byte)0, (byte)' ') >= 0 || rest.ContainsAny("<>\""u8))
            {
                return false;
            }

            if (build)
            {
                uri = new SipUri(Encoding.UTF8.GetString(schemeSpan).ToLowerInvariant(), null, string.Empty)
                {
                    Opaque = Encoding.UTF8.GetString(rest),
                };
            }

            return true;
        }

        return TryScanSip(text, colon + 1, isSip ? "sip" : "sips", build, out uri, out hasHeaders);
    }

    private static bool TryScanSip(ReadOnlySpan<byte> text, int i, string scheme, bool build, out SipUri? uri, out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        var user = ReadOnlySpan<byte>.Empty;
        var password = ReadOnlySpan<byte>.Empty;
        var hasUser = false;
        var hasPassword = false;
        var at = text[i..].IndexOf((byte)'@');
        if (at >= 0)
        {
            at += i;
            var userInfo = text[i..at];
            if (userInfo.IsEmpty || userInfo.ContainsAny(" \t<>\""u8))
            {
                return false;
            }

            var passwordColon = userInfo.IndexOf((byte)':');
            user = passwordColon < 0 ? userInfo : userInfo[..passwordColon];
            hasPassword = passwordColon >= 0;
            password = hasPassword ? userInfo[(passwordColon + 1)..] : default;
            if (user.IsEmpty || !HasValidEscapes(user))
            {
                return false;
            }

            hasUser = true;
            i = at + 1;
        }

        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text[i..].IndexOf((byte)']');
            if (close < 0 || !SipGrammar.IsIPv6Address(text.Slice(i + 1, close - 1)))
            {
                return false;
            }

            i += close + 1;
        }
        else
        {
            i = SipGrammar.SkipAll(text, i, SipGrammar.HostBytes);
        }

        if (i == hostStart)
        {
            return false;
        }

        var host = text[hostStart..i];
        int? port = null;
        if (i < text.Length && text[i] == ':')
        {
            var portStart = ++i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }

            if (i == portStart || i - portStart > 5
                || !System.Buffers.Text.Utf8Parser.TryParse(text[portStart..i], out int p, out _)
                || p > 65535)
            {
                return false;
            }

            port = p;
        }

        var parameters = build ? new SipParameters() : null;
        if (!SipParameters.TryParse(text, i, parameters, out i, (byte)'?'))
        {
            return false;
        }

        var headers = ReadOnlySpan<byte>.Empty;
        if (i < text.Length)
        {
            // text[i] == '?': headers run to the end.
            hasHeaders = true;
            headers = text[(i + 1)..];
            if (headers.IsEmpty || headers.IndexOfAnyInRange((byte)0, (byte)' ') >= 0 || headers.ContainsAny("<>"u8))
            {
                return false;
            }
        }

        if (build)
        {
            uri = new SipUri(scheme, hasUser ? Encoding.UTF8.GetString(user) : null, Encoding.UTF8.GetString(host), port)
            {
                Password = hasPassword ? Encoding.UTF8.GetString(password) : null,
                Parameters = parameters!,
                Headers = hasHeaders ? Encoding.UTF8.GetString(headers) : null,
            };
        }

        return true;
    }

    private static bool IsScheme(ReadOnlySpan<byte> scheme)
    {
        if (!char.IsAsciiLetter((char)scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 3261 §25.1 escaped = "%" HEXDIG HEXDIG.</summary>
    private static bool HasValidEscapes(ReadOnlySpan<byte> value)
    {
        var first = value.IndexOf((byte)'%');
        if (first < 0)
        {
            return true;
        }

        for (var i = first; i < value.Length; i++)
        {
            if (value[i] == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit((char)value[i + 1]) || !char.IsAsciiHexDigit((char)value[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    public SipUri Clone() => new(Scheme, User, Host, Port)
    {
        Password = Password,
        Parameters = Parameters.Clone(),
        Headers = Headers,
        Opaque = Opaque,
    };

    /// <summary>RFC 3261 §19.1.4 in the parts that matter for routing: scheme, user, host, port, transport.</summary>
    public bool EquivalentTo(SipUri other) =>
        Scheme == other.Scheme
        && string.Equals(Unescape(User), Unescape(other.User), StringComparison.Ordinal)
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && Port == other.Port
        && string.Equals(Transport, other.Transport, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);

    /// <summary>The address-of-record form <c>sip:user@host</c> (no port, parameters or headers), unescaped user.</summary>
    public string ToAddressOfRecord() =>
        User is null ? $"{Scheme}:{Host.ToLowerInvariant()}" : $"{Scheme}:{Unescape(User)}@{Host.ToLowerInvariant()}";

    public static string? Unescape(string? value) =>
        value is null || !value.Contains('%', StringComparison.Ordinal) ? value : Uri.UnescapeDataString(value);

    public override string ToString()
    {
        if (!IsSip)
        {
            return $"{Scheme}:{Opaque}";
        }

        var builder = new StringBuilder(64);
        builder.Append(Scheme).Append(':');
        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }
}
