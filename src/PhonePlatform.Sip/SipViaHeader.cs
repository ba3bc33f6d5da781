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

    public static bool TryParse(string text, out SipViaHeader via) => TryParse(Encoding.UTF8.GetBytes(text), out via);

    /// <summary>Parses one Via value from its UTF-8 bytes (e.g. a slice of a received message).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SipViaHeader via)
    {
        var valid = TryScan(utf8, build: true, out var parsed);
        via = parsed!;
        return valid;
    }

    /// <summary>
    /// The one via-parm grammar (RFC 3261 §25.1). With <paramref name="build"/> false it only checks the syntax without
    /// allocating (the receive path's validation); otherwise it also creates the value.
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> text, bool build, out SipViaHeader? via)
    {
        via = null;
        var i = 0;
        if (!TryReadProtocolToken(text, ref i, out var name) || !Ascii.EqualsIgnoreCase(name, "SIP"u8)
            || !TryReadSlash(text, ref i)
            || !TryReadProtocolToken(text, ref i, out var version) || !version.SequenceEqual("2.0"u8)
            || !TryReadSlash(text, ref i)
            || !TryReadProtocolToken(text, ref i, out var transport))
        {
            return false;
        }

        i = SipGrammar.SkipWhitespace(text, i);
        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text[i..].IndexOf((byte)']');
            if (close < 0)
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
        i = SipGrammar.SkipWhitespace(text, i);
        if (i < text.Length && text[i] == ':')
        {
            i = SipGrammar.SkipWhitespace(text, i + 1);
            var portStart = i;
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

        // RFC 4475 §3.1.2.x: a branch parameter, if present, must have a value.
        var parameters = build ? new SipParameters() : null;
        if (!SipParameters.TryParse(text, i, parameters, out var end, valueRequired: "branch"u8) || end != text.Length)
        {
            return false;
        }

        if (build)
        {
            via = new SipViaHeader
            {
                Transport = InternTransport(transport),
                Host = Encoding.UTF8.GetString(host),
                Port = port,
                Parameters = parameters!,
            };
        }

        return true;
    }

    private static string InternTransport(ReadOnlySpan<byte> transport) => transport switch
    {
        _ when Ascii.EqualsIgnoreCase(transport, "UDP"u8) => "UDP",
        _ when Ascii.EqualsIgnoreCase(transport, "TCP"u8) => "TCP",
        _ when Ascii.EqualsIgnoreCase(transport, "TLS"u8) => "TLS",
        _ when Ascii.EqualsIgnoreCase(transport, "WS"u8) => "WS",
        _ when Ascii.EqualsIgnoreCase(transport, "WSS"u8) => "WSS",
        _ => Encoding.UTF8.GetString(transport).ToUpperInvariant(),
    };

    private static bool TryReadProtocolToken(ReadOnlySpan<byte> text, ref int i, out ReadOnlySpan<byte> token)
    {
        i = SipGrammar.SkipWhitespace(text, i);
        var start = i;
        i = SipGrammar.SkipAll(text, i, SipGrammar.TokenBytes);

        token = text[start..i];
        return i > start;
    }

    private static bool TryReadSlash(ReadOnlySpan<byte> text, ref int i)
    {
        i = SipGrammar.SkipWhitespace(text, i);
        if (i >= text.Length || text[i] != '/')
        {
            return false;
        }

        i++;
        return true;
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
