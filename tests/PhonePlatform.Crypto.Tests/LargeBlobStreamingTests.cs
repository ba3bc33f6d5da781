using System.Globalization;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

[CollectionDefinition(nameof(LargeBlobStreamingTests), DisableParallelization = true)]
public sealed class LargeBlobCollection;

/// <summary>
/// Streams a large blob through encryption and decryption without ever holding it: 256 MiB always; more (e.g. 4 GiB)
/// when <c>PHONEPLATFORM_CRYPTO_LARGE_BLOB_MIB</c> says so. Runs alone so the allocation bound measures only it.
/// </summary>
[Collection(nameof(LargeBlobStreamingTests))]
public sealed class LargeBlobStreamingTests : IDisposable
{
    private readonly CryptoFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task EncryptThenDecrypt_LargeStream_SameHashAndBoundedMemory()
    {
        var mebibytes = long.TryParse(Environment.GetEnvironmentVariable("PHONEPLATFORM_CRYPTO_LARGE_BLOB_MIB"), NumberStyles.None, CultureInfo.InvariantCulture, out var configured)
            ? Math.Max(configured, 256)
            : 256;
        var length = (mebibytes * 1024 * 1024) + 12345;
        var workspace = Guid.NewGuid();
        await fixture.Keyring.WarmAsync(workspace);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var source = new GeneratedStream(length);
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, "exports/large.bin", source, leaveOpen: true);
        using var decrypting = await fixture.Blobs.DecryptAsync(workspace, "exports/large.bin", encrypting, leaveOpen: true);
        var (count, hash) = await StreamReading.HashAllAsync(decrypting);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(length, count);
        Assert.Equal(source.GetHashOfProduced(), hash);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes for a {length}-byte stream");
    }
}
