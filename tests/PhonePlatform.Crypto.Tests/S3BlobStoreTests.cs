using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

/// <summary>The S3 store against a real S3-compatible server (s3rver) on loopback.</summary>
public sealed class S3BlobStoreTests : BlobStoreContractTests, IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3rverFixture server;
    private readonly S3BlobStore store;

    public S3BlobStoreTests(S3rverFixture server)
    {
        this.server = server;
        store = new S3BlobStore(server.Options(partSize: S3BlobStore.MinPartSize)) { ListPageSize = 10 };
    }

    protected override IBlobStore Store => store;

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task PutAsync_LargerThanOnePart_UploadsMultipartAndReadsBack()
    {
        using var source = new GeneratedStream((2L * S3BlobStore.MinPartSize) + 1234);

        await store.PutAsync("multipart/blob", source);
        await using var read = await store.OpenReadAsync("multipart/blob");
        var (count, hash) = await StreamReading.HashAllAsync(read);

        Assert.Equal((2L * S3BlobStore.MinPartSize) + 1234, count);
        Assert.Equal(source.GetHashOfProduced(), hash);
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePage_ReturnsAll()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"page/{i:D5}").ToList();
        await Task.WhenAll(names.Select(name => store.PutAsync(name, new MemoryStream([1]))));

        var listed = await store.ListAsync("page/").ToListAsync();

        Assert.Equal(names, listed);
    }

    [Fact]
    public async Task EncryptedBlobStore_OverS3_StoresOnlyCiphertext()
    {
        using var crypto = new CryptoFixture();
        var encrypted = new EncryptedBlobStore(store, crypto.Blobs, crypto.Keyring);
        var workspace = Guid.NewGuid();
        var plaintext = RandomNumberGenerator.GetBytes(200_000);

        await encrypted.PutAsync(workspace, "voicemail/1.wav", new MemoryStream(plaintext));

        await using (var raw = await store.OpenReadAsync(EncryptedBlobStore.StorageKey(workspace, "voicemail/1.wav")))
        {
            var stored = await StreamReading.ReadAllAsync(raw);
            Assert.Equal(crypto.Blobs.GetCiphertextLength(plaintext.Length), stored.Length);
            Assert.True(stored.AsSpan().IndexOf(plaintext.AsSpan(1000, 64)) < 0);
        }

        await using var read = await encrypted.OpenReadAsync(workspace, "voicemail/1.wav");
        Assert.Equal(plaintext, await StreamReading.ReadAllAsync(read));
        Assert.NotNull(server.ServiceUrl);
    }
}
