namespace PhonePlatform.Sip.Trunks;

/// <summary>Converts between E.164 (as the platform stores numbers) and a trunk's number format.</summary>
public static class TrunkNumberFormatter
{
    public static string ToTrunk(string e164, SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var digits = e164.TrimStart('+');
        return trunk.NumberFormat switch
        {
            SipTrunkNumberFormat.E164 => "+" + digits,
            SipTrunkNumberFormat.E164WithoutPlus => digits,
            _ => digits.StartsWith(trunk.CountryCode, StringComparison.Ordinal)
                ? trunk.NationalPrefix + digits[trunk.CountryCode.Length..]
                : "00" + digits,
        };
    }

    /// <summary>Best-effort E.164 from what a trunk sent (user part of a URI); null when it is not a number.</summary>
    public static string? ToE164(string? number, SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var cleaned = new string(number.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (cleaned.Length < 3 || cleaned.LastIndexOf('+') > 0)
        {
            return null;
        }

        if (cleaned.StartsWith('+'))
        {
            return cleaned;
        }

        if (cleaned.StartsWith("00", StringComparison.Ordinal))
        {
            return "+" + cleaned[2..];
        }

        if (trunk.NumberFormat == SipTrunkNumberFormat.National && cleaned.StartsWith(trunk.NationalPrefix, StringComparison.Ordinal))
        {
            return "+" + trunk.CountryCode + cleaned[trunk.NationalPrefix.Length..];
        }

        return "+" + cleaned;
    }
}
