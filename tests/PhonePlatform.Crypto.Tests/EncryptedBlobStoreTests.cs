using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class EncryptedBlobStoreTests : IDisposable
{
    private readonly CryptoFixture crypto = new(chunkSize: 4096);
    private readonly TempDirectory directory = new();
    private readonly LocalFolderBlobStore raw;
    private readonly EncryptedBlobStore store;
    private readonly Guid workspace = Guid.NewGuid();

    public EncryptedBlobStoreTests()
    {
        raw = new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = directory.Combine("blobs") });
        store = new EncryptedBlobStore(raw, crypto.Blobs, crypto.Keyring);
    }

    public void Dispose()
    {
        crypto.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task PutAsync_StoresOnlyCiphertextUnderWorkspacePrefix()
    {
        var plaintext = RandomNumberGenerator.GetBytes(50_000);

        await store.PutAsync(workspace, "recordings/c1.opus", new MemoryStream(plaintext));

        var file = Assert.Single(Directory.GetFiles(directory.Combine("blobs"), "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(directory.Combine("blobs"), "workspaces", workspace.ToString("N"), "recordings", "c1.opus"), file);
        var stored = await File.ReadAllBytesAsync(file);
        Assert.Equal(crypto.Blobs.GetCiphertextLength(plaintext.Length), stored.Length);
        Assert.True(stored.AsSpan().IndexOf(plaintext.AsSpan(100, 32)) < 0);
        await using var read = await store.OpenReadAsync(workspace, "recordings/c1.opus");
        Assert.Equal(plaintext, await StreamReading.ReadAllAsync(read));
    }

    [Fact]
    public async Task OpenReadAsync_CiphertextCopiedToOtherName_FailsAuthentication()
    {
        await store.PutAsync(workspace, "voicemail/a.wav", new MemoryStream(RandomNumberGenerator.GetBytes(1000)));
        await using (var stolen = await raw.OpenReadAsync(EncryptedBlobStore.StorageKey(workspace, "voicemail/a.wav")))
        {
            await raw.PutAsync(EncryptedBlobStore.StorageKey(workspace, "voicemail/b.wav"), stolen);
        }

        await using var read = await store.OpenReadAsync(workspace, "voicemail/b.wav");

        await Assert.ThrowsAsync<DecryptionFailedException>(() => StreamReading.ReadAllAsync(read));
    }

    [Fact]
    public async Task OpenReadAsync_CiphertextCopiedToOtherWorkspace_Fails()
    {
        var other = Guid.NewGuid();
        await crypto.Keyring.WarmAsync(other);
        await store.PutAsync(workspace, "voicemail/a.wav", new MemoryStream(RandomNumberGenerator.GetBytes(1000)));
        await using (var stolen = await raw.OpenReadAsync(EncryptedBlobStore.StorageKey(workspace, "voicemail/a.wav")))
        {
            await raw.PutAsync(EncryptedBlobStore.StorageKey(other, "voicemail/a.wav"), stolen);
        }

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(async () =>
        {
            await using var read = await store.OpenReadAsync(other, "voicemail/a.wav");
            await StreamReading.ReadAllAsync(read);
        });
    }

    [Fact]
    public async Task ListAsync_OnlyOwnWorkspace_NamesWithoutPrefix()
    {
        await store.PutAsync(workspace, "exports/1.csv", new MemoryStream([1]));
        await store.PutAsync(workspace, "exports/2.csv", new MemoryStream([2]));
        await store.PutAsync(Guid.NewGuid(), "exports/3.csv", new MemoryStream([3]));

        Assert.Equal(["exports/1.csv", "exports/2.csv"], await store.ListAsync(workspace, "exports/").ToListAsync());
        Assert.True(await store.ExistsAsync(workspace, "exports/1.csv"));
        await store.DeleteAsync(workspace, "exports/1.csv");
        Assert.False(await store.ExistsAsync(workspace, "exports/1.csv"));
    }

    [Fact]
    public async Task ReEncryptAsync_AfterRotation_RewritesUnderCurrentAndSurvivesDestroy()
    {
        var plaintext = RandomNumberGenerator.GetBytes(20_000);
        await store.PutAsync(workspace, "recordings/old.opus", new MemoryStream(plaintext));
        await crypto.Keyring.RotateAsync(workspace);

        Assert.True(await store.ReEncryptAsync(workspace, "recordings/old.opus"));
        Assert.False(await store.ReEncryptAsync(workspace, "recordings/old.opus"));
        await crypto.Keyring.DestroyVersionsAsync(workspace, [1]);

        Assert.Equal(2, await store.GetKeyVersionAsync(workspace, "recordings/old.opus"));
        await using var read = await store.OpenReadAsync(workspace, "recordings/old.opus");
        Assert.Equal(plaintext, await StreamReading.ReadAllAsync(read));
    }

    [Fact]
    public async Task OpenReadAsync_AfterShredding_KeyDestroyed()
    {
        await store.PutAsync(workspace, "recordings/x.opus", new MemoryStream([1, 2, 3]));

        await crypto.Keyring.ShredWorkspaceAsync(workspace);

        await Assert.ThrowsAsync<KeyDestroyedException>(() => store.OpenReadAsync(workspace, "recordings/x.opus"));
    }

    [Fact]
    public async Task PutAsync_TraversalName_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(workspace, "../../etc/passwd", new MemoryStream([1])));
    }
}
