using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Contacts;

/// <summary>Creates a contact, or replaces one of the caller's workspace (404 for any other id).</summary>
public sealed class SaveContact(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<ContactResponse>> CreateAsync(Caller caller, ContactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request, out var errors) is not { } draft)
        {
            return ContactWriter.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var contact = new Contact { Name = null!, CreatedAt = now };
        ContactWriter.Apply(db, contact, draft, now);
        db.Contacts.Add(contact);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event("contact.created", "contact", contact.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ContactResponse.From(contact);
    }

    public async Task<Outcome<ContactResponse>> ReplaceAsync(Caller caller, Guid id, ContactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var contact = await db.Contacts.Include(c => c.Phones).Include(c => c.Emails).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return Failure.NotFound("Contact");
        }

        if (Validate(request, out var errors) is not { } draft)
        {
            return ContactWriter.Invalid(errors);
        }

        ContactWriter.Apply(db, contact, draft, time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event("contact.updated", "contact", contact.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ContactResponse.From(contact);
    }

    public async Task<Outcome<Done>> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return Failure.NotFound("Contact");
        }

        db.Contacts.Remove(contact);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event("contact.deleted", "contact", contact.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return default(Done);
    }

    private static ContactDraft? Validate(ContactRequest request, out IReadOnlyList<(string Field, string Message)> errors) =>
        ContactDraft.TryCreate(request.Name, request.Phones, request.Emails, request.Company, request.Notes, out errors);
}
