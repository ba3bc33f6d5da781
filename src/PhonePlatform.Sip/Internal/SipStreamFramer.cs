namespace PhonePlatform.Sip.Internal;

internal enum SipFrameKind
{
    NeedMore,
    Message,

    /// <summary>RFC 5626 §4.4.1 / §3.5.1: CRLFCRLF from the client, to be answered with a single CRLF.</summary>
    KeepAlivePing,

    /// <summary>A single CRLF (a pong, or stray line ends between messages): skipped.</summary>
    KeepAlivePong,

    /// <summary>Cannot be framed (oversized headers or a bad Content-Length): the connection must be closed.</summary>
    Invalid,
}

/// <summary>
/// Frames SIP messages on stream transports by Content-Length (RFC 3261 §18.3: mandatory on streams, a missing one
/// means no body) and recognises the CRLF keep-alives of RFC 5626.
/// </summary>
internal static class SipStreamFramer
{
    public static SipFrameKind Next(ReadOnlySpan<byte> buffer, int maxMessageSize, out int consumed, out int messageLength)
    {
        consumed = 0;
        messageLength = 0;
        if (buffer.IsEmpty)
        {
            return SipFrameKind.NeedMore;
        }

        if (buffer[0] == (byte)'\r' || buffer[0] == (byte)'\n')
        {
            if (buffer.StartsWith("\r\n\r\n"u8))
            {
                consumed = 4;
                return SipFrameKind.KeepAlivePing;
            }

            if (buffer.Length < 4 && "\r\n\r\n"u8.StartsWith(buffer))
            {
                return SipFrameKind.NeedMore;
            }

            consumed = buffer.StartsWith("\r\n"u8) ? 2 : 1;
            return SipFrameKind.KeepAlivePong;
        }

        var headerEnd = buffer.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return buffer.Length > maxMessageSize ? SipFrameKind.Invalid : SipFrameKind.NeedMore;
        }

        var bodyStart = headerEnd + 4;
        if (!TryReadContentLength(buffer[..(headerEnd + 2)], out var contentLength))
        {
            return SipFrameKind.Invalid;
        }

        var total = (long)bodyStart + contentLength;
        if (total > maxMessageSize)
        {
            return SipFrameKind.Invalid;
        }

        if (buffer.Length < total)
        {
            return SipFrameKind.NeedMore;
        }

        consumed = messageLength = (int)total;
        return SipFrameKind.Message;
    }

    /// <summary>Finds Content-Length (or compact "l") at the start of a header line; absent means 0.</summary>
    private static bool TryReadContentLength(ReadOnlySpan<byte> headers, out long contentLength)
    {
        contentLength = 0;
        var position = 0;
        while (position < headers.Length)
        {
            var lineEnd = headers[position..].IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? headers[position..] : headers.Slice(position, lineEnd);
            position += lineEnd < 0 ? headers.Length : lineEnd + 2;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8) || System.Text.Ascii.EqualsIgnoreCase(name, "l"u8))
            {
                return SipParser.TryParseDecimal(line[(colon + 1)..], out contentLength);
            }
        }

        return true;
    }
}
