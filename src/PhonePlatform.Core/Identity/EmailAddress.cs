using System.Net.Mail;

namespace PhonePlatform.Core.Identity;

/// <summary>E-mail addresses as account names: trimmed, lower-cased, one plain address.</summary>
public static class EmailAddress
{
    public const int MaxLength = 320;

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Count(c => c == '@') != 1
            || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        normalized = trimmed.ToLowerInvariant();
        return true;
    }
}
