using System.Runtime.Versioning;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

// Blob files are protected by POSIX modes; the platform runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class LocalFolderBlobStoreTests : BlobStoreContractTests, IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly LocalFolderBlobStore store;

    public LocalFolderBlobStoreTests()
    {
        store = new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = directory.Combine("blobs") });
    }

    protected override IBlobStore Store => store;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task PutAsync_SourceFailsMidway_KeepsPreviousBlobAndLeavesNoTemporaryFile()
    {
        await store.PutAsync("r/blob", new MemoryStream("previous"u8.ToArray()));

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("r/blob", new FailingStream()));

        await using (var read = await store.OpenReadAsync("r/blob"))
        {
            Assert.Equal("previous"u8.ToArray(), await StreamReading.ReadAllAsync(read));
        }

        Assert.Equal(["blob"], Directory.GetFiles(directory.Combine("blobs", "r")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PutAsync_NewFile_IsOwnerOnly()
    {
        await store.PutAsync("p/q", new MemoryStream([1, 2]));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.Combine("blobs", "p", "q")));
    }

    [Fact]
    public async Task ListAsync_LeftoverTemporaryFile_NotListed()
    {
        await File.WriteAllBytesAsync(directory.Combine("blobs", ".put-leftover"), [1]);

        Assert.Empty(await store.ListAsync(string.Empty).ToListAsync());
    }

    private sealed class FailingStream : MemoryStream
    {
        private int reads;

        public FailingStream()
            : base(new byte[200_000])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++reads > 1 ? throw new IOException("source broke") : base.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
