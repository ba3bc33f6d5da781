using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Protection;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Contacts;

/// <summary>Applies a validated draft to a contact entity (all personal fields as protected values).</summary>
internal static class ContactWriter
{
    /// <summary>
    /// Sets every field; the old numbers and addresses are removed and new rows added explicitly (client-generated
    /// keys would otherwise make EF treat the new rows as existing ones).
    /// </summary>
    public static void Apply(PhonePlatformDbContext db, Contact contact, ContactDraft draft, DateTimeOffset now)
    {
        db.RemoveRange(contact.Phones);
        db.RemoveRange(contact.Emails);
        contact.Name = EncryptedText.From(draft.Name);
        contact.Company = draft.Company is null ? null : EncryptedText.From(draft.Company);
        contact.Notes = draft.Notes is null ? null : EncryptedText.From(draft.Notes);
        contact.Phones.Clear();
        contact.Phones.AddRange(draft.Phones.Select(p => new ContactPhone { Number = EncryptedText.From(p) }));
        contact.Emails.Clear();
        contact.Emails.AddRange(draft.Emails.Select(e => new ContactEmail { Address = EncryptedText.From(e) }));
        contact.UpdatedAt = now;
        if (db.Entry(contact).State != EntityState.Detached)
        {
            db.AddRange(contact.Phones);
            db.AddRange(contact.Emails);
        }
    }

    public static Problems.Failure Invalid(IReadOnlyList<(string Field, string Message)> errors) =>
        new(StatusCodes.Status400BadRequest, "validation", "The request is not valid", "See errors.",
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));
}
