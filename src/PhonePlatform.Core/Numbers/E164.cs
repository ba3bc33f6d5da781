using PhoneNumbers;

namespace PhonePlatform.Core.Numbers;

/// <summary>ITU-T E.164 numbers, validated against libphonenumber's numbering plans.</summary>
public static class E164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Accepts only a number already in E.164 form (<c>+</c>, country code, subscriber number, at most 15 digits)
    /// that is a valid number of its country's plan. Never throws on hostile input.
    /// </summary>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        // E.164 §6: at most 15 digits after the '+'; reject anything else before parsing.
        if (string.IsNullOrEmpty(input) || input.Length is < 3 or > 16 || input[0] != '+')
        {
            return false;
        }

        for (var i = 1; i < input.Length; i++)
        {
            if (!char.IsAsciiDigit(input[i]))
            {
                return false;
            }
        }

        try
        {
            var parsed = Util.Parse(input, null);
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }

            e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            return string.Equals(e164, input, StringComparison.Ordinal);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
