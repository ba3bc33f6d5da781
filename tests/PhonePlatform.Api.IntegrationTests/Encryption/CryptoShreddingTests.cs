using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

public sealed class CryptoShreddingTests : IAsyncLifetime
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
    public async Task ShredAsync_AfterPgDump_NoProtectedValueInTheDumpDecryptsAnymore()
    {
        for (var i = 0; i < 3; i++)
        {
            await SaveContactAsync($"Person {i}", $"+1202555010{i}", $"p{i}@example.org");
        }

        // Rotate once so the dump holds ciphertexts under two key versions.
        await stack.Get<WorkspaceKeyring>().RotateAsync(workspace);
        stack.Get<EncryptionKeyWarmer>().Forget(workspace);
        await SaveContactAsync("Person after rotation", "+12025550199", "late@example.org");

        var dump = await PgDump.DumpAsync(stack.Database.ConnectionString);
        var values = ProtectedValuesIn(dump);
        Assert.True(values.Count >= 4 * 4, $"expected the dump to hold the protected values, found {values.Count}");
        Assert.Equal(2, values.Select(v => FieldCipher.GetKeyVersion(v.Ciphertext)).Distinct().Count());
        var fields = stack.Get<FieldCipher>();
        foreach (var (context, ciphertext) in values)
        {
            Assert.NotEmpty(await fields.DecryptAsync(workspace, context, ciphertext));
        }

        await stack.Get<WorkspaceShredder>().ShredAsync(workspace);

        foreach (var (context, ciphertext) in values)
        {
            await Assert.ThrowsAsync<KeyDestroyedException>(async () => await fields.DecryptAsync(workspace, context, ciphertext));
        }
    }

    [Fact]
    public async Task ShredAsync_NewWritesAfterwards_AreRefused()
    {
        await SaveContactAsync("Before", "+12025550100", "before@example.org");

        await stack.Get<WorkspaceShredder>().ShredAsync(workspace);

        await Assert.ThrowsAnyAsync<Exception>(() => SaveContactAsync("After", "+12025550101", "after@example.org"));
        var rows = await RawRows.ReadAllAsync(stack.Database.ConnectionString);
        Assert.DoesNotContain(rows, r => RawRows.Contains(r.Value, "After"));
    }

    // Every protected column of every protected entity, found through the model, read back from the dump text.
    private List<(FieldContext Context, byte[] Ciphertext)> ProtectedValuesIn(string dump)
    {
        var (scope, db) = stack.Open(workspace);
        using (scope)
        {
            var values = new List<(FieldContext, byte[])>();
            foreach (var entity in ProtectedFields.All(db.Model))
            {
                foreach (var row in PgDump.Rows(dump, entity.EntityType.GetTableName()!))
                {
                    foreach (var field in entity.Fields)
                    {
                        var raw = row[field.GetColumnName()];
                        if (raw != "\\N")
                        {
                            values.Add((ProtectedFields.Context(entity, Guid.Parse(row["Id"]), field), PgDump.Bytea(raw)));
                        }
                    }
                }
            }

            return values;
        }
    }

    private async Task SaveContactAsync(string name, string number, string email)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var contact = new Contact { Name = EncryptedText.From(name), Notes = EncryptedText.From("note of " + name) };
            contact.Phones.Add(new ContactPhone { Number = EncryptedText.From(number) });
            contact.Emails.Add(new ContactEmail { Address = EncryptedText.From(email) });
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
        }
    }
}
