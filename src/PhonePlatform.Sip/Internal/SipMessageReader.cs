using System.Text;

namespace PhonePlatform.Sip.Internal;

/// <summary>The byte-level reader behind <see cref="SipParser"/>: start line, header lines with folding, body framing.</summary>
internal static class SipMessageReader
{
    public static SipParseResult Read(byte[] buffer, SipParserOptions options)
    {
        var span = buffer.AsSpan();
        var firstLineEnd = span.IndexOf((byte)'\n');
        if (firstLineEnd < 0)
        {
            return Malformed(null, "no line end after start line");
        }

        var startLine = TrimCr(span[..firstLineEnd]);
        var headers = new SipHeaders(16);
        var position = firstLineEnd + 1;
        var headerCount = 0;
        var sawEmptyLine = false;
        while (position < span.Length)
        {
            var lineEnd = span[position..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                return Malformed(null, "header line without line end");
            }

            lineEnd += position;
            var line = TrimCr(span[position..lineEnd]);
            if (line.IsEmpty)
            {
                position = lineEnd + 1;
                sawEmptyLine = true;
                break;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                return Malformed(null, "continuation line without header");
            }

            // RFC 3261 §7.3.1: a header may be folded onto lines that start with whitespace.
            var fieldEnd = lineEnd;
            var folded = false;
            while (fieldEnd + 1 < span.Length && span[fieldEnd + 1] is (byte)' ' or (byte)'\t')
            {
                var next = span[(fieldEnd + 1)..].IndexOf((byte)'\n');
                if (next < 0)
                {
                    return Malformed(null, "folded line without line end");
                }

                fieldEnd += 1 + next;
                folded = true;
            }

            var fieldSpan = span[position..fieldEnd];
            var colon = fieldSpan.IndexOf((byte)':');
            if (colon <= 0)
            {
                return Malformed(null, "header without colon");
            }

            var name = fieldSpan[..colon].TrimEnd(" \t"u8);
            if (!SipGrammar.IsToken(name))
            {
                return Malformed(null, "invalid header name");
            }

            if (++headerCount > options.MaxHeaderCount)
            {
                return Malformed(null, "too many headers");
            }

            var valueStart = position + colon + 1;
            ReadOnlyMemory<byte> value;
            if (folded)
            {
                value = Unfold(span[valueStart..fieldEnd]);
            }
            else
            {
                var raw = TrimCr(span[valueStart..fieldEnd]);
                var leading = raw.Length - raw.TrimStart(" \t"u8).Length;
                var trimmed = raw.Trim(" \t"u8);
                value = buffer.AsMemory(valueStart + leading, trimmed.Length);
            }

            headers.AddRaw(SipHeaderNames.Canonicalize(name), value);
            position = fieldEnd + 1;
        }

        if (!sawEmptyLine)
        {
            return Malformed(null, "no empty line after headers");
        }

        var message = ReadStartLine(startLine, headers, out var status, out var error);
        if (message is null || status != SipParseStatus.Success)
        {
            return new(status, message, error);
        }

        // RFC 3261 §18.3: Content-Length frames the body; extra datagram bytes are discarded, missing ones are an error.
        var available = span.Length - position;
        if (headers.TryGetRaw(SipHeaderNames.ContentLength, out var contentLengthRaw))
        {
            if (!SipParser.TryParseDecimal(contentLengthRaw, out var contentLength))
            {
                return Malformed(message, "invalid Content-Length");
            }

            if (contentLength > available)
            {
                return Malformed(message, "Content-Length larger than the body");
            }

            message.Body = buffer.AsMemory(position, (int)contentLength);
        }
        else
        {
            message.Body = buffer.AsMemory(position, available);
        }

        if (options.Validate && SipMessageValidator.Validate(message) is { } problem)
        {
            return Malformed(message, problem);
        }

        return new(SipParseStatus.Success, message, null);
    }

    private static SipMessage? ReadStartLine(ReadOnlySpan<byte> line, SipHeaders headers, out SipParseStatus status, out string? error)
    {
        status = SipParseStatus.Malformed;
        error = null;
        if (line.ContainsAnyInRange((byte)0, (byte)0x1F) && line.IndexOfAnyExceptInRange((byte)0x20, (byte)0xFF) >= 0)
        {
            error = "control character in start line";
            return null;
        }

        if (line.StartsWith("SIP/"u8))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            if (!line.StartsWith("SIP/2.0 "u8))
            {
                status = SipParseStatus.VersionNotSupported;
                error = "unsupported SIP version";
                return null;
            }

            var rest = line[8..];
            if (rest.Length < 4 || rest[3] != (byte)' ' || !IsDigit(rest[0]) || !IsDigit(rest[1]) || !IsDigit(rest[2]))
            {
                error = "invalid status code";
                return null;
            }

            var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
            if (code is < 100 or > 699)
            {
                error = "status code out of range";
                return null;
            }

            status = SipParseStatus.Success;
            return new SipResponse(code, Encoding.UTF8.GetString(rest[4..]), headers, ReadOnlyMemory<byte>.Empty);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version: exactly two single spaces (RFC 4475 §3.1.2.7-9).
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace == firstSpace || line[(firstSpace + 1)..lastSpace].Contains((byte)' ')
            || line.Contains((byte)'\t'))
        {
            error = "malformed request line";
            return null;
        }

        var method = line[..firstSpace];
        var uri = line[(firstSpace + 1)..lastSpace];
        var version = line[(lastSpace + 1)..];
        if (!SipGrammar.IsToken(method) || uri.IsEmpty)
        {
            error = "malformed request line";
            return null;
        }

        if (!version.SequenceEqual("SIP/2.0"u8))
        {
            if (version.StartsWith("SIP/"u8))
            {
                status = SipParseStatus.VersionNotSupported;
                error = "unsupported SIP version";

                // The headers are still usable to answer 505.
                return new SipRequest(SipMethods.Intern(method), Encoding.UTF8.GetString(uri), headers, ReadOnlyMemory<byte>.Empty);
            }

            error = "malformed request line";
            return null;
        }

        status = SipParseStatus.Success;
        return new SipRequest(SipMethods.Intern(method), Encoding.UTF8.GetString(uri), headers, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Replaces each line fold (optional whitespace, CRLF, whitespace) by a single space (RFC 3261 §7.3.1).</summary>
    private static byte[] Unfold(ReadOnlySpan<byte> raw)
    {
        var output = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                while (length > 0 && output[length - 1] is (byte)' ' or (byte)'\t')
                {
                    length--;
                }

                while (i + 1 < raw.Length && raw[i + 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                output[length++] = (byte)' ';
                continue;
            }

            output[length++] = b;
        }

        var trimmed = output.AsSpan(0, length).Trim(" \t"u8);
        return trimmed.ToArray();
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static SipParseResult Malformed(SipMessage? partial, string reason) => new(SipParseStatus.Malformed, partial, reason);
}
