using PhonePlatform.Sip;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// DTMF sent as SIP INFO with <c>application/dtmf-relay</c> (JsSIP's default): a body of <c>Signal=5</c> and
/// <c>Duration=100</c> lines. Not an RFC, a widely used convention; anything else is ignored.
/// </summary>
public static class DtmfRelay
{
    public const string ContentType = "application/dtmf-relay";

    public static bool TryParse(SipRequest request, out char digit)
    {
        ArgumentNullException.ThrowIfNull(request);
        digit = default;
        return request.ContentType?.Split(';')[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase) == true
            && TryParseBody(request.Body.Span, out digit);
    }

    public static bool TryParseBody(ReadOnlySpan<byte> body, out char digit)
    {
        digit = default;
        if (body.Length > 256)
        {
            return false;
        }

        Span<char> text = stackalloc char[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            text[i] = (char)body[i];
        }

        foreach (var range in text.Split('\n'))
        {
            var line = text[range].Trim();
            var equals = line.IndexOf('=');
            if (equals < 0 || !line[..equals].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length == 1 && (char.IsAsciiDigit(value[0]) || value[0] is '*' or '#' || char.ToUpperInvariant(value[0]) is >= 'A' and <= 'D'))
            {
                digit = char.ToUpperInvariant(value[0]);
                return true;
            }

            return false;
        }

        return false;
    }
}
