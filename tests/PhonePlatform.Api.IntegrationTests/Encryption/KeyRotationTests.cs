using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

public sealed class KeyRotationTests : IAsyncLifetime
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
    public async Task RunBatchAsync_InterruptedAndResumedByNewRunner_ReEncryptsEverythingAndDestroysOldVersion()
    {
        for (var i = 0; i < 5; i++)
        {
            await SaveContactAsync($"Person {i}", $"+1202555010{i}");
        }

        var before = await CiphertextsAsync();
        Assert.All(before, c => Assert.Equal(1, FieldCipher.GetKeyVersion(c)));
        KeyRotation started;
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            started = await stack.Get<KeyRotationRunner>().StartAsync(db);
        }

        // Two small batches, then a "crash": a fresh runner (as after a restart) picks up the stored progress.
        var first = NewRunner(batchSize: 2);
        await first.RunBatchAsync();
        var afterTwo = await first.RunBatchAsync();
        Assert.Null(afterTwo!.CompletedAt);
        Assert.Equal(2, afterTwo.ToVersion);
        var resumed = NewRunner(batchSize: 2);
        KeyRotation? last = null;
        for (var guard = 0; guard < 100 && (last = await resumed.RunBatchAsync()) is { CompletedAt: null }; guard++)
        {
        }

        Assert.Equal(started.Id, last!.Id);
        Assert.NotNull(last.CompletedAt);
        Assert.Equal(before.Count, last.ReEncrypted);
        Assert.Null(await resumed.RunBatchAsync());
        var after = await CiphertextsAsync();
        Assert.All(after, c => Assert.Equal(2, FieldCipher.GetKeyVersion(c)));
        var versions = await stack.Get<IWrappedKeyStore>().GetVersionsAsync(workspace, KeyPurpose.Data);
        Assert.True(versions.Single(v => v.Version == 1).IsDestroyed);

        // Old ciphertexts are now unrecoverable; the re-encrypted data still reads, and lookups still work.
        var contactName = before.First();
        await Assert.ThrowsAsync<KeyDestroyedException>(async () =>
            await stack.Get<FieldCipher>().DecryptAsync(workspace, new FieldContext("Contact", Guid.Empty.ToString(), "Name"), contactName));
        (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var names = await db.Contacts.OrderBy(c => c.Id).Select(c => c).ToListAsync();
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Person {i}"), names.Select(c => c.Name.Value));
        }

        Assert.NotNull(await stack.Get<IContactDirectory>().FindByNumberAsync(workspace, "+12025550103"));
    }

    private KeyRotationRunner NewRunner(int batchSize) => new(
        stack.Get<Npgsql.NpgsqlDataSource>(), stack.Get<IServiceScopeFactory>(), stack.Get<WorkspaceKeyring>(), stack.Get<FieldCipher>(),
        stack.Get<IWrappedKeyStore>(), stack.Get<EncryptionKeyWarmer>(), TimeProvider.System)
    { BatchSize = batchSize };

    private async Task<List<byte[]>> CiphertextsAsync()
    {
        var rows = await RawRows.ReadAllAsync(stack.Database.ConnectionString);
        return rows.Where(r => r.Table is "Contacts" or "ContactPhone" or "ContactEmail" && r.Column is "Name" or "Notes" or "Company" or "Number" or "Address")
            .Select(r => r.Value).ToList();
    }

    private async Task SaveContactAsync(string name, string number)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var contact = new Contact { Name = EncryptedText.From(name), Notes = EncryptedText.From("note") };
            contact.Phones.Add(new ContactPhone { Number = EncryptedText.From(number) });
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
        }
    }
}
