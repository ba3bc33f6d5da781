using System.Globalization;

namespace PhonePlatform.Sip;

/// <summary>CSeq (RFC 3261 §20.16): a sequence number below 2**31 and the request method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        cseq = default;
        text = text.Trim(" \t");
        var space = text.IndexOfAny(' ', '\t');
        if (space <= 0 || space > 10)
        {
            return false;
        }

        // RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and less than 2**31.
        if (!uint.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number >= 0x8000_0000u)
        {
            return false;
        }

        var method = text[(space + 1)..].Trim(" \t");
        if (!SipGrammar.IsToken(method))
        {
            return false;
        }

        cseq = new SipCSeq(number, SipMethods.Intern(method));
        return true;
    }

    /// <summary>Parses CSeq from its bytes: ASCII digits and a token, widened on the stack instead of decoded to a string.</summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, out SipCSeq cseq)
    {
        cseq = default;
        if (raw.Length > 256)
        {
            return false;
        }

        Span<char> chars = stackalloc char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            chars[i] = (char)raw[i];
        }

        return TryParse(chars, out cseq);
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
