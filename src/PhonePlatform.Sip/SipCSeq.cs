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

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
