using PhonePlatform.Core.Contacts;

namespace PhonePlatform.Api.UseCases.Contacts;

public sealed record ContactRequest(string Name, IReadOnlyList<string>? Phones = null, IReadOnlyList<string>? Emails = null, string? Company = null, string? Notes = null);

public sealed record ContactResponse(
    Guid Id, string Name, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? Company, string? Notes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ContactResponse From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new ContactResponse(
            contact.Id,
            contact.Name.Value,
            [.. contact.Phones.OrderBy(p => p.Id).Select(p => p.Number.Value)],
            [.. contact.Emails.OrderBy(e => e.Id).Select(e => e.Address.Value)],
            contact.Company?.Value,
            contact.Notes?.Value,
            contact.CreatedAt,
            contact.UpdatedAt);
    }
}

/// <summary>Result of an import: how many contacts were created and what was wrong with the other rows.</summary>
public sealed record ContactImportResponse(int Imported, IReadOnlyList<ContactImportError> Errors);

/// <summary>A rejected import row (1-based; the CSV header is row 1, a vCard's number is its position).</summary>
public sealed record ContactImportError(int Row, string Message);
