namespace PhonePlatform.Sip.Internal;

/// <summary>
/// Checks the header fields every RFC 3261 element relies on (§8.1.1: To, From, CSeq, Call-ID, Max-Forwards, Via)
/// so that the transaction layer and the TU can trust them. Returns a reason, or null when the message is usable.
/// </summary>
internal static class SipMessageValidator
{
    public static string? Validate(SipMessage message)
    {
        var headers = message.Headers;
        if (!headers.TryGetRaw(SipHeaderNames.CallId, out var callId) || callId.IsEmpty || callId.ContainsAny(" \t"u8))
        {
            return "missing or invalid Call-ID";
        }

        if (!headers.TryGetRaw(SipHeaderNames.CSeq, out var cseqRaw) || cseqRaw.Length > 256 || !TryParseCSeq(cseqRaw, out var cseq))
        {
            return "missing or invalid CSeq";
        }

        if (message is SipRequest request)
        {
            // RFC 3261 §8.2: the CSeq method must match the request method (RFC 4475 §3.1.2.17/18).
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
            {
                return "CSeq method does not match the request method";
            }

            if (!SipUri.TryParse(request.RequestUriText, out var uri) || (uri.IsSip && uri.Headers is not null))
            {
                return "invalid Request-URI";
            }

            if (headers.TryGetRaw(SipHeaderNames.MaxForwards, out var maxForwards)
                && (!SipParser.TryParseDecimal(maxForwards, out var hops) || hops > 255))
            {
                return "invalid Max-Forwards";
            }
        }

        if (message.From is null)
        {
            return "missing or invalid From";
        }

        if (message.To is null)
        {
            return "missing or invalid To";
        }

        var viaCount = 0;
        foreach (var field in headers)
        {
            if (!ReferenceEquals(field.Name, SipHeaderNames.Via))
            {
                continue;
            }

            var value = field.Value;
            foreach (var via in value.Contains(',', StringComparison.Ordinal) ? SipGrammar.SplitTopLevelCommas(value) : [value])
            {
                viaCount++;
                if (!SipViaHeader.TryParse(via, out _))
                {
                    return "invalid Via";
                }
            }
        }

        if (viaCount == 0)
        {
            return "missing Via";
        }

        foreach (var contact in headers.GetValues(SipHeaderNames.Contact))
        {
            if (!SipNameAddress.TryParse(contact, out _))
            {
                return "invalid Contact";
            }
        }

        if (headers.Get(SipHeaderNames.Expires) is { } expires && !SipParser.TryParseDecimal(System.Text.Encoding.ASCII.GetBytes(expires), out _))
        {
            return "invalid Expires";
        }

        // RFC 3261 §20.17: SIP-date is always in GMT.
        if (headers.Get(SipHeaderNames.Date) is { } date && !date.EndsWith(" GMT", StringComparison.Ordinal))
        {
            return "invalid Date";
        }

        return null;
    }

    // CSeq is ASCII (digits and a token): widen the bytes on the stack instead of decoding to a string.
    private static bool TryParseCSeq(ReadOnlySpan<byte> raw, out SipCSeq cseq)
    {
        Span<char> chars = stackalloc char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            chars[i] = (char)raw[i];
        }

        return SipCSeq.TryParse(chars, out cseq);
    }
}
