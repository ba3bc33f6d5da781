using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Contacts;

/// <summary>Imports CSV or vCard: valid rows become contacts (one transaction), the others are reported per row.</summary>
public sealed class ImportContacts(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxRows = 5000;

    public async Task<Outcome<ContactImportResponse>> ExecuteAsync(Caller caller, ContactImportFormat format, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rows = format == ContactImportFormat.Csv ? CsvContactReader.Read(text, MaxRows) : VCardContactReader.Read(text, MaxRows);
        var errors = new List<ContactImportError>();
        var now = time.GetUtcNow();
        var imported = 0;
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                errors.Add(new ContactImportError(row.Row, row.Error));
                continue;
            }

            if (ContactDraft.TryCreate(row.Name, row.Phones, row.Emails, row.Company, row.Notes, out var problems) is not { } draft)
            {
                errors.Add(new ContactImportError(row.Row, string.Join(" ", problems.Select(p => p.Message).Distinct())));
                continue;
            }

            var contact = new Contact { Name = null!, CreatedAt = now };
            ContactWriter.Apply(db, contact, draft, now);
            db.Contacts.Add(contact);
            imported++;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event("contact.imported", "contact", details: $"{imported} imported, {errors.Count} rejected"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ContactImportResponse(imported, errors);
    }
}
