using System.Text;

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

        if (!headers.TryGetRaw(SipHeaderNames.CSeq, out var cseqRaw) || !SipCSeq.TryParse(cseqRaw, out var cseq))
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

            if (!IsValidRequestUri(request.RequestUriText))
            {
                return "invalid Request-URI";
            }

            if (headers.TryGetRaw(SipHeaderNames.MaxForwards, out var maxForwards)
                && (!SipParser.TryParseDecimal(maxForwards, out var hops) || hops > 255))
            {
                return "invalid Max-Forwards";
            }
        }

        if (!headers.TryGetRaw(SipHeaderNames.From, out var from) || !SipNameAddress.TryScan(from, build: false, out _))
        {
            return "missing or invalid From";
        }

        if (!headers.TryGetRaw(SipHeaderNames.To, out var to) || !SipNameAddress.TryScan(to, build: false, out _))
        {
            return "missing or invalid To";
        }

        var viaCount = 0;
        foreach (var field in headers)
        {
            if (ReferenceEquals(field.Name, SipHeaderNames.Via))
            {
                foreach (var via in new TopLevelCommaSplitter(field.RawValue.Span))
                {
                    viaCount++;
                    if (!SipViaHeader.TryScan(via, build: false, out _))
                    {
                        return "invalid Via";
                    }
                }
            }
            else if (ReferenceEquals(field.Name, SipHeaderNames.Contact))
            {
                foreach (var contact in new TopLevelCommaSplitter(field.RawValue.Span))
                {
                    if (!contact.IsEmpty && !SipNameAddress.TryScan(contact, build: false, out _))
                    {
                        return "invalid Contact";
                    }
                }
            }
        }

        if (viaCount == 0)
        {
            return "missing Via";
        }

        if (headers.TryGetRaw(SipHeaderNames.Expires, out var expires) && !SipParser.TryParseDecimal(expires, out _))
        {
            return "invalid Expires";
        }

        // RFC 3261 §20.17: SIP-date is always in GMT.
        if (headers.TryGetRaw(SipHeaderNames.Date, out var date) && !date.EndsWith(" GMT"u8))
        {
            return "invalid Date";
        }

        return null;
    }

    // RFC 3261 §19.1.1: headers are not allowed in a SIP Request-URI. The text is re-encoded on the stack (ASCII in practice).
    private static bool IsValidRequestUri(string text)
    {
        if (text.Length > 1024)
        {
            return SipUri.TryParse(text, out var parsed) && !(parsed.IsSip && parsed.Headers is not null);
        }

        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        return SipUri.TryScan(utf8[..length], build: false, out _, out var hasHeaders) && !hasHeaders;
    }
}
