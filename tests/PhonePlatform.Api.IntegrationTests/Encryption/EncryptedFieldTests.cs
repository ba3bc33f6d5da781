using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

public sealed class EncryptedFieldTests : IAsyncLifetime
{
    private DataStack stack = null!;
    private Guid workspace;

    public async Task InitializeAsync()
    {
        stack = await DataStack.CreateAsync();
        workspace = await Workspaces.CreateAsync(stack);
    }

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task SaveChangesAsync_ThenLoadInNewContext_DecryptsEveryProtectedField()
    {
        var id = await SaveContactAsync("Ada Lovelace", "+442071234567", "Ada@Example.org", notes: "met at the engine demo");

        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var loaded = await db.Contacts.Include(c => c.Phones).Include(c => c.Emails).SingleAsync(c => c.Id == id);
            Assert.Equal("Ada Lovelace", loaded.Name.Value);
            Assert.Equal("met at the engine demo", loaded.Notes!.Value);
            Assert.Null(loaded.Company);
            Assert.Equal("+442071234567", Assert.Single(loaded.Phones).Number.Value);
            Assert.Equal("Ada@Example.org", Assert.Single(loaded.Emails).Address.Value);
        }
    }

    [Fact]
    public async Task BlindIndex_LookupByNumberAndEmail_FindsTheContact()
    {
        var id = await SaveContactAsync("Grace Hopper", "+12025550143", "grace@navy.mil", notes: null);
        await SaveContactAsync("Someone Else", "+12025550199", "else@example.org", notes: null);
        var protector = stack.Get<EncryptedFieldProtector>();

        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var numberIndex = await protector.IndexAsync(workspace, BlindIndexKind.PhoneNumber, "+12025550143");
            var byNumber = await db.Set<ContactPhone>().Where(p => p.NumberIndex == numberIndex).Select(p => p.ContactId).ToListAsync();
            // Emails are normalised (trimmed, lower-cased) before hashing.
            var emailIndex = await protector.IndexAsync(workspace, BlindIndexKind.Email, "  GRACE@navy.MIL ");
            var byEmail = await db.Set<ContactEmail>().Where(e => e.AddressIndex == emailIndex).Select(e => e.ContactId).ToListAsync();

            Assert.Equal([id], byNumber);
            Assert.Equal([id], byEmail);
        }
    }

    [Fact]
    public async Task Ciphertext_CopiedToAnotherRecord_FailsAuthentication()
    {
        var first = await SaveContactAsync("First Person", "+12025550101", "a@example.org", notes: null);
        var second = await SaveContactAsync("Second Person", "+12025550102", "b@example.org", notes: null);
        await using (var connection = new Npgsql.NpgsqlConnection(stack.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = new Npgsql.NpgsqlCommand(
                "UPDATE \"Contacts\" SET \"Name\" = (SELECT \"Name\" FROM \"Contacts\" WHERE \"Id\" = $1) WHERE \"Id\" = $2", connection);
            copy.Parameters.Add(new Npgsql.NpgsqlParameter { Value = first });
            copy.Parameters.Add(new Npgsql.NpgsqlParameter { Value = second });
            await copy.ExecuteNonQueryAsync();
        }

        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            await Assert.ThrowsAsync<DecryptionFailedException>(() => db.Contacts.SingleAsync(c => c.Id == second));
        }
    }

    [Fact]
    public async Task RawRows_AfterSavingContacts_ContainNoPlaintext()
    {
        string[] secrets = ["Ada Lovelace", "+442071234567", "ada@example.org", "analytical engine notes", "Babbage Ltd"];
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var contact = new Contact { Name = EncryptedText.From(secrets[0]), Notes = EncryptedText.From(secrets[3]), Company = EncryptedText.From(secrets[4]) };
            contact.Phones.Add(new ContactPhone { Number = EncryptedText.From(secrets[1]) });
            contact.Emails.Add(new ContactEmail { Address = EncryptedText.From(secrets[2]) });
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
        }

        var rows = await RawRows.ReadAllAsync(stack.Database.ConnectionString);

        Assert.Contains(rows, r => r.Table == "Contacts" && r.Column == "Name");
        var leaks = rows.Where(r => secrets.Any(s => RawRows.Contains(r.Value, s))).Select(r => $"{r.Table}.{r.Column}").ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task SaveChanges_UnsealedValueAttachedOutsidePipeline_IsRefused()
    {
        // A protected value without ciphertext can never be written as-is: the column mapping refuses it.
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            db.Contacts.Add(new Contact { Name = EncryptedText.From("Plain Name") });
            // The synchronous path has no warm keys for a fresh workspace in a fresh keyring cache → refuses to write.
            stack.Get<EncryptionKeyWarmer>().Forget(workspace);
            Assert.Throws<KeyNotCachedException>(() => db.SaveChanges());
        }

        var rows = await RawRows.ReadAllAsync(stack.Database.ConnectionString);
        Assert.DoesNotContain(rows, r => RawRows.Contains(r.Value, "Plain Name"));
    }

    private async Task<Guid> SaveContactAsync(string name, string number, string email, string? notes)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var contact = new Contact { Name = EncryptedText.From(name), Notes = notes is null ? null : EncryptedText.From(notes) };
            contact.Phones.Add(new ContactPhone { Number = EncryptedText.From(number) });
            contact.Emails.Add(new ContactEmail { Address = EncryptedText.From(email) });
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact.Id;
        }
    }
}
