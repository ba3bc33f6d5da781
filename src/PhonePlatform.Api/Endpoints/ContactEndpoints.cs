using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Core.Protection;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/contacts</c>: the workspace address book. All personal fields are encrypted at rest; <c>?number=</c> and
/// <c>?email=</c> search through blind indexes (exact match only, by design).
/// </summary>
public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var contacts = v1.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListAsync).RequirePermission(Permission.ContactsRead);
        contacts.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.ContactsRead);
        contacts.MapPost("/", CreateAsync).RequirePermission(Permission.ContactsWrite);
        contacts.MapPut("/{id:guid}", ReplaceAsync).RequirePermission(Permission.ContactsWrite);
        contacts.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.ContactsWrite);
        contacts.MapPost("/import", ImportAsync).RequirePermission(Permission.ContactsWrite).DisableAntiforgery();
        return v1;
    }

    private static async Task<Results<Ok<Page<ContactResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, PhonePlatformDbContext db, EncryptedFieldProtector protector, string? cursor, int? limit, string? number, string? email,
        CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var query = db.Contacts.AsQueryable();
        if (number is not null)
        {
            if (!Core.Numbers.E164.TryNormalize(number, out var e164))
            {
                return Failure.Validation("number", "Give the number in E.164 form, e.g. +14155550100.").ToResult();
            }

            var index = await protector.IndexAsync(caller.WorkspaceId, BlindIndexKind.PhoneNumber, e164, cancellationToken);
            query = query.Where(c => c.Phones.Any(p => p.NumberIndex == index));
        }

        if (email is not null)
        {
            byte[] index;
            try
            {
                index = await protector.IndexAsync(caller.WorkspaceId, BlindIndexKind.Email, email, cancellationToken);
            }
            catch (ArgumentException)
            {
                return Failure.Validation("email", "Give an e-mail address.").ToResult();
            }

            query = query.Where(c => c.Emails.Any(e => e.AddressIndex == index));
        }

        var take = Cursor.Limit(limit);
        var rows = await query
            .Where(c => cursor == null || c.Id > after)
            .OrderBy(c => c.Id)
            .Take(take + 1)
            .Include(c => c.Phones)
            .Include(c => c.Emails)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows.Select(ContactResponse.From).ToList(), take, c => c.Id));
    }

    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> GetAsync(
        Guid id, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await db.Contacts.Include(c => c.Phones).Include(c => c.Emails).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } contact
            ? TypedResults.Ok(ContactResponse.From(contact))
            : Failure.NotFound("Contact").ToResult();

    private static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> CreateAsync(
        ContactRequest request, Caller caller, SaveContact useCase, CancellationToken cancellationToken) =>
        (await useCase.CreateAsync(caller, request, cancellationToken)).ToCreated(c => $"/v1/contacts/{c.Id}");

    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, ContactRequest request, Caller caller, SaveContact useCase, CancellationToken cancellationToken) =>
        (await useCase.ReplaceAsync(caller, id, request, cancellationToken)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Caller caller, SaveContact useCase, CancellationToken cancellationToken) =>
        (await useCase.DeleteAsync(caller, id, cancellationToken)).ToNoContent();

    private static async Task<Results<Ok<ContactImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, Caller caller, ImportContacts useCase, CancellationToken cancellationToken)
    {
        var format = request.ContentType switch
        {
            { } t when t.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) => ContactImportFormat.Csv,
            { } t when t.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase) || t.StartsWith("text/x-vcard", StringComparison.OrdinalIgnoreCase) => ContactImportFormat.VCard,
            _ => (ContactImportFormat?)null,
        };
        if (format is null)
        {
            return Failure.Validation("contentType", "Send text/csv or text/vcard.").ToResult();
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return (await useCase.ExecuteAsync(caller, format.Value, text, cancellationToken)).ToOk();
    }
}
