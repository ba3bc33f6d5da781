using Microsoft.EntityFrameworkCore;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class WorkspacePurgeTests : IAsyncLifetime
{
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() => stack = await ComplianceStack.CreateAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_Workspace_DeletesEveryRecordAndBlobAndIssuesVerifiableCertificate()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Doomed");
        Assert.True(await RawCounts.TotalAsync(stack.Database.ConnectionString, workspace) >= 8);

        var certificate = await stack.Get<WorkspacePurge>().ExecuteAsync(workspace, CancellationToken.None);

        foreach (var table in RawCounts.WorkspaceTables)
        {
            Assert.Equal(0, await RawCounts.CountAsync(stack.Database.ConnectionString, table, workspace));
        }

        Assert.False(await stack.Get<EncryptedBlobStore>().ExistsAsync(workspace, SampleWorkspace.BlobName));
        Assert.True(DeletionCertificates.Verify(certificate));
        var statement = DeletionCertificates.Read(certificate);
        Assert.Equal(workspace, statement.WorkspaceId);
        Assert.Equal("Doomed", statement.WorkspaceName);
        Assert.Equal(1, statement.BlobsDeleted);
        Assert.Contains(statement.Records, r => r is { Participant: "blobs", Table: "storedBlobs", Count: 1 });
        Assert.Contains(statement.Records, r => r is { Participant: "contacts", Table: "contacts", Count: 2 });
        Assert.Contains(statement.Records, r => r is { Participant: "members", Table: "memberships", Count: 1 });
        Assert.Contains(statement.Records, r => r is { Participant: "numbers", Table: "numberAccess", Count: 1 });
        Assert.Contains(statement.Records, r => r is { Participant: "workspace", Table: "workspaces", Count: 1 });
        Assert.Contains(statement.KeysDestroyed, k => k.KeyId == $"{workspace:N}/data/v1");
        Assert.Contains(statement.KeysDestroyed, k => k.KeyId == $"{workspace:N}/blindindex/v1");

        var (scope, db) = stack.OpenUnscoped();
        await using (scope)
        {
            var stored = await db.Set<DeletionCertificate>().SingleAsync(c => c.WorkspaceId == workspace);
            Assert.Equal(certificate.Sha256, stored.Sha256);
            var cancellation = await db.Set<WorkspaceCancellation>().SingleAsync(c => c.WorkspaceId == workspace);
            Assert.Equal(certificate.Id, cancellation.CertificateId);
            Assert.NotNull(cancellation.PurgedAt);
        }
    }

    [Fact]
    public async Task ExecuteAsync_BlobCopiedBeforehand_CannotBeDecryptedAfterwards()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Backed up");
        var raw = stack.Get<IBlobStore>();
        var key = EncryptedBlobStore.StorageKey(workspace, SampleWorkspace.BlobName);
        using var copy = new MemoryStream();
        await using (var stored = await raw.OpenReadAsync(key))
        {
            await stored.CopyToAsync(copy);
        }

        await stack.Get<WorkspacePurge>().ExecuteAsync(workspace, CancellationToken.None);

        // As if restored from a backup taken before the purge: the ciphertext is back, its key is not.
        copy.Position = 0;
        await raw.PutAsync(key, copy);
        await Assert.ThrowsAsync<KeyDestroyedException>(async () =>
        {
            await using var opened = await stack.Get<EncryptedBlobStore>().OpenReadAsync(workspace, SampleWorkspace.BlobName);
            await opened.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task ExecuteAsync_OtherWorkspace_IsUntouchedAndStillDecrypts()
    {
        var doomed = await SampleWorkspace.CreateAsync(stack, "Doomed");
        var neighbour = await SampleWorkspace.CreateAsync(stack, "Neighbour");
        var before = await RawCounts.TotalAsync(stack.Database.ConnectionString, neighbour);

        await stack.Get<WorkspacePurge>().ExecuteAsync(doomed, CancellationToken.None);

        Assert.Equal(before, await RawCounts.TotalAsync(stack.Database.ConnectionString, neighbour));
        var (scope, db) = stack.Open(neighbour);
        await using (scope)
        {
            var names = (await db.Contacts.AsNoTracking().ToListAsync()).Select(c => c.Name);
            Assert.Equal(["Person 0", "Person 1"], names.Select(n => n.Value).Order());
        }

        await using var blob = await stack.Get<EncryptedBlobStore>().OpenReadAsync(neighbour, SampleWorkspace.BlobName);
        using var reader = new StreamReader(blob);
        Assert.EndsWith("of Neighbour", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task ExecuteAsync_RunTwice_SecondRunStillIssuesCertificateWithoutFailing()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Twice");
        await stack.Get<WorkspacePurge>().ExecuteAsync(workspace, CancellationToken.None);

        var again = await stack.Get<WorkspacePurge>().ExecuteAsync(workspace, CancellationToken.None);

        var statement = DeletionCertificates.Read(again);
        Assert.All(statement.Records, r => Assert.Equal(0, r.Count));
        Assert.NotEmpty(statement.KeysDestroyed);
    }

    [Fact]
    public async Task Verify_DocumentAltered_ReturnsFalse()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Tamper");
        var certificate = await stack.Get<WorkspacePurge>().ExecuteAsync(workspace, CancellationToken.None);

        certificate.Document = certificate.Document.Replace("\"count\": 2", "\"count\": 3", StringComparison.Ordinal);

        Assert.False(DeletionCertificates.Verify(certificate));
    }
}
