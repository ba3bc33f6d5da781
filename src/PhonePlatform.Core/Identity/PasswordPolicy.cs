namespace PhonePlatform.Core.Identity;

/// <summary>
/// Password rules: 12 to 128 characters, not a commonly breached password, not built from the e-mail address,
/// and either three character classes or a passphrase of 20+ characters (NIST SP 800-63B §3.1.1.2 favours length).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const int PassphraseLength = 20;

    /// <summary>Returns the reasons the password is refused; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password, string? email)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("A password is required.");
            return problems;
        }

        if (password.Length < MinimumLength)
        {
            problems.Add($"Use at least {MinimumLength} characters.");
        }

        if (password.Length > MaximumLength)
        {
            problems.Add($"Use at most {MaximumLength} characters.");
        }

        if (password.Length < PassphraseLength && CharacterClasses(password) < 3)
        {
            problems.Add($"Mix at least three of lower case, upper case, digits and symbols, or use {PassphraseLength}+ characters.");
        }

        if (password.Distinct().Count() < 5)
        {
            problems.Add("Use more distinct characters.");
        }

        if (CommonPasswords.Contains(password))
        {
            problems.Add("This password appears in breach corpora; choose another.");
        }

        var local = email?.Split('@')[0];
        if (local is { Length: >= 4 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Do not build the password from the e-mail address.");
        }

        return problems;
    }

    private static int CharacterClasses(string password) =>
        (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
        + (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
        + (password.Any(char.IsAsciiDigit) ? 1 : 0)
        + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
}
