namespace PhonePlatform.Crypto;

/// <summary>Canonical forms hashed by <see cref="BlindIndex"/>: equal values must normalise to equal strings.</summary>
public static class BlindIndexNormalizer
{
    /// <summary>
    /// Accepts an already-normalised E.164 number (ITU-T E.164 §6: at most 15 digits, no leading zero after '+')
    /// and returns it unchanged; anything else is refused rather than guessed at.
    /// </summary>
    public static string PhoneNumber(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var valid = e164.Length is >= 3 and <= 16 && e164[0] == '+' && e164[1] is >= '1' and <= '9';
        for (var i = 2; valid && i < e164.Length; i++)
        {
            valid = char.IsAsciiDigit(e164[i]);
        }

        return valid ? e164 : throw new ArgumentException("Phone numbers must be normalised to E.164 (+ and 2-15 digits).", nameof(e164));
    }

    /// <summary>Trims and lower-cases (invariant) an e-mail address.</summary>
    public static string Email(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        if (trimmed.Length == 0 || !trimmed.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an e-mail address.", nameof(email));
        }

        return trimmed.ToLowerInvariant();
    }
}
