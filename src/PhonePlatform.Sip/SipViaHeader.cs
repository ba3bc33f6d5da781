using System.Globalization;
using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// One Via header field value (RFC 3261 §20.42, §18.2.1): <c>SIP/2.0/UDP host:port;branch=z9hG4bK…;received=…;rport</c>
/// with the RFC 3581 <c>rport</c> parameter.
/// </summary>
public sealed class SipViaHeader
{
    /// <summary>RFC 3261 §8.1.1.7: branch IDs of RFC 3261 elements start with this magic cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipViaHeader(string transport, string host, int? port, string branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters.Set("branch", branch);
    }

    private SipViaHeader()
    {
        Transport = string.Empty;
        Host = string.Empty;
    }

    /// <summary>Upper-case transport token: UDP, TCP, TLS, WS, WSS, SCTP…</summary>
    public string Transport { get; set; }

    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; private set; } = new();

    public string? Branch => Parameters.Get("branch");

    public string? Received
    {
        get => Parameters.Get("received");
        set => Parameters.Set("received", value);
    }

    /// <summary>RFC 3581: rport present without a value asks the server to fill it in.</summary>
    public bool HasRport => Parameters.Contains("rport");

    public int? Rport
    {
        get => int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        set => Parameters.Set("rport", value?.ToString(CultureInfo.InvariantCulture));
    }

    public static string NewBranch() => MagicCookie + Guid.NewGuid().ToString("N")[..20];

    public static bool TryParse(string text, out SipViaHeader via)
    {
        via = null!;
        var i = 0;
        if (!TryReadProtocolToken(text, ref i, out var name) || !string.Equals(name, "SIP", StringComparison.OrdinalIgnoreCase)
            || !TryReadSlash(text, ref i)
            || !TryReadProtocolToken(text, ref i, out var version) || version != "2.0"
            || !TryReadSlash(text, ref i)
            || !TryReadProtocolToken(text, ref i, out var transport))
        {
            return false;
        }

        i = SkipLws(text, i);
        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            if (close < 0)
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

        var result = new SipViaHeader { Transport = transport.ToUpperInvariant(), Host = text[hostStart..i] };
        i = SkipLws(text, i);
        if (i < text.Length && text[i] == ':')
        {
            i = SkipLws(text, i + 1);
            var portStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == portStart || i - portStart > 5
                || !int.TryParse(text.AsSpan(portStart, i - portStart), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port > 65535)
            {
                return false;
            }

            result.Port = port;
        }

        if (!SipParameters.TryParse(text, i, result.Parameters, out var end) || end != text.Length)
        {
            return false;
        }

        // RFC 4475 §3.1.2.x: a branch parameter, if present, must have a value.
        if (result.Parameters.Contains("branch") && result.Branch!.Length == 0)
        {
            return false;
        }

        via = result;
        return true;
    }

    private static bool TryReadProtocolToken(string text, ref int i, out string token)
    {
        i = SkipLws(text, i);
        var start = i;
        while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
        {
            i++;
        }

        token = text[start..i];
        return i > start;
    }

    private static bool TryReadSlash(string text, ref int i)
    {
        i = SkipLws(text, i);
        if (i >= text.Length || text[i] != '/')
        {
            return false;
        }

        i++;
        return true;
    }

    private static int SkipLws(string text, int i)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    public SipViaHeader Clone() => new() { Transport = Transport, Host = Host, Port = Port, Parameters = Parameters.Clone() };

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        builder.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
