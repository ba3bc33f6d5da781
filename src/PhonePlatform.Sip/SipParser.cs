using System.Buffers.Text;
using PhonePlatform.Sip.Internal;

namespace PhonePlatform.Sip;

/// <summary>
/// Parses SIP messages from bytes (RFC 3261 §7, §25). The input is copied once; header values stay slices of that copy.
/// Hostile input never throws: it yields <see cref="SipParseStatus.Malformed"/> with a reason.
/// </summary>
public static class SipParser
{
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParserOptions? options = null)
    {
        options ??= SipParserOptions.Default;
        if (data.Length > options.MaxMessageSize)
        {
            return new(SipParseStatus.TooLarge, null, "message too large");
        }

        // RFC 3261 §7.5: implementations SHOULD ignore CRLF preceding the start-line.
        var skip = 0;
        while (skip < data.Length && (data[skip] == '\r' || data[skip] == '\n'))
        {
            skip++;
        }

        if (skip == data.Length)
        {
            return new(SipParseStatus.Malformed, null, "empty");
        }

        var buffer = data[skip..].ToArray();
        try
        {
            return SipMessageReader.Read(buffer, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // Defence in depth: the reader is written not to throw, but a parser bug must never reach the transport loop.
            return new(SipParseStatus.Malformed, null, "parser fault: " + ex.GetType().Name);
        }
    }

    public static SipParseResult Parse(string text, SipParserOptions? options = null) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(text), options);

    /// <summary>Reads an unsigned decimal header value such as Content-Length (digits only, LWS trimmed).</summary>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> raw, out long value)
    {
        raw = raw.Trim(" \t"u8);
        value = 0;
        if (raw.IsEmpty || raw.Length > 18)
        {
            return false;
        }

        foreach (var b in raw)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(raw, out value, out var consumed) && consumed == raw.Length;
    }
}
