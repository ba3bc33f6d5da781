namespace PhonePlatform.Core.Contacts;

/// <summary>One contact as read from an import file, not yet validated. <see cref="Error"/> is set for unreadable rows.</summary>
public sealed record ContactImportRow(int Row, string? Name, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? Company, string? Notes, string? Error = null);

public enum ContactImportFormat
{
    Csv,
    VCard,
}
