using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Core.Contacts;

/// <summary>Validated, normalised contact input (from the API or an import row).</summary>
public sealed record ContactDraft(string Name, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? Company, string? Notes)
{
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxValues = 20;

    /// <summary>Validates and normalises; returns the problems (field → message) instead of throwing.</summary>
    public static ContactDraft? TryCreate(
        string? name, IEnumerable<string>? phones, IEnumerable<string>? emails, string? company, string? notes, out IReadOnlyList<(string Field, string Message)> errors)
    {
        var problems = new List<(string, string)>();
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length is 0 or > MaxNameLength)
        {
            problems.Add(("name", $"Give a name of 1 to {MaxNameLength} characters."));
        }

        var numbers = new List<string>();
        foreach (var phone in (phones ?? []).Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (E164.TryNormalize(phone.Trim(), out var e164))
            {
                numbers.Add(e164);
            }
            else
            {
                problems.Add(("phones", "Give numbers in E.164 form, e.g. +14155550100."));
            }
        }

        var addresses = new List<string>();
        foreach (var email in (emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var trimmed = email.Trim();
            var at = trimmed.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && at < trimmed.Length - 1 && trimmed.Length <= 254 && !trimmed.Any(char.IsWhiteSpace))
            {
                addresses.Add(trimmed);
            }
            else
            {
                problems.Add(("emails", "Give valid e-mail addresses."));
            }
        }

        if (numbers.Count > MaxValues || addresses.Count > MaxValues)
        {
            problems.Add(("phones", $"At most {MaxValues} numbers and {MaxValues} e-mail addresses per contact."));
        }

        var trimmedCompany = NullIfEmpty(company);
        if (trimmedCompany?.Length > MaxNameLength)
        {
            problems.Add(("company", $"Use at most {MaxNameLength} characters."));
        }

        var trimmedNotes = NullIfEmpty(notes);
        if (trimmedNotes?.Length > MaxNotesLength)
        {
            problems.Add(("notes", $"Use at most {MaxNotesLength} characters."));
        }

        errors = problems;
        return problems.Count == 0
            ? new ContactDraft(trimmedName, numbers.Distinct(StringComparer.Ordinal).ToList(), addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), trimmedCompany, trimmedNotes)
            : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
