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
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var schemeSpan = text.AsSpan(0, colon);
        var scheme = schemeSpan.Equals("sip", StringComparison.OrdinalIgnoreCase) ? "sip"
            : schemeSpan.Equals("sips", StringComparison.OrdinalIgnoreCase) ? "sips"
            : IsScheme(schemeSpan) ? schemeSpan.ToString().ToLowerInvariant() : null;
        if (scheme is null)
        {
            return false;
        }

        if (scheme is not ("sip" or "sips"))
        {
            var rest = text[(colon + 1)..];
            if (rest.Length == 0 || rest.Any(c => c <= ' ' || c is '<' or '>' or '"'))
            {
                return false;
            }

            uri = new SipUri(scheme, null, string.Empty) { Opaque = rest };
            return true;
        }

        return TryParseSip(text, colon + 1, scheme, out uri);
    }

    private static bool TryParseSip(string text, int i, string scheme, out SipUri uri)
    {
        uri = null!;
        string? user = null;
        string? password = null;
        var at = text.IndexOf('@', i);
        if (at >= 0)
        {
            var userInfo = text.AsSpan(i, at - i);
            if (userInfo.ContainsAny(" \t<>\"") || userInfo.IsEmpty)
            {
                return false;
            }

            var passwordColon = userInfo.IndexOf(':');
            user = passwordColon < 0 ? userInfo.ToString() : userInfo[..passwordColon].ToString();
            password = passwordColon < 0 ? null : userInfo[(passwordColon + 1)..].ToString();
            if (user.Length == 0 || !HasValidEscapes(user))
            {
                return false;
            }

            i = at + 1;
        }

        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            if (close < 0 || !System.Net.IPAddress.TryParse(text.AsSpan(i + 1, close - i - 1), out _))
            {
                return false;
            }

            i = close + 1;
        }
        else
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.'))
            {
                i++;
            }
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
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == portStart || i - portStart > 5
                || !int.TryParse(text.AsSpan(portStart, i - portStart), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                || p > 65535)
            {
                return false;
            }

            port = p;
        }

        uri = new SipUri(scheme, user, host, port) { Password = password };
        if (!SipParameters.TryParse(text, i, uri.Parameters, out i, "?"))
        {
            return false;
        }

        if (i < text.Length)
        {
            // text[i] == '?': headers run to the end.
            uri.Headers = text[(i + 1)..];
            if (uri.Headers.Length == 0 || uri.Headers.Any(c => c <= ' ' || c is '<' or '>'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 3261 §25.1 escaped = "%" HEXDIG HEXDIG.</summary>
    private static bool HasValidEscapes(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
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
