using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class BlobCipherTests : IDisposable
{
    private const int Chunk = 1024;
    private const int Sealed = Chunk + 16;
    private const string Name = "recordings/call-1.opus";
    private readonly CryptoFixture fixture = new(chunkSize: Chunk);
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    public static TheoryData<int> Sizes => new() { 0, 1, Chunk - 1, Chunk, Chunk + 1, 3 * Chunk, (3 * Chunk) + 17 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EncryptAsync_ThenDecryptAsync_RoundTrips(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var ciphertext = await EncryptAsync(plaintext);

        Assert.Equal(fixture.Blobs.GetCiphertextLength(size), ciphertext.Length);
        Assert.Equal(plaintext, await DecryptAsync(ciphertext, readSize: 7));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task CreateEncryptingWriterAsync_SameFormatAsReadSide(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var destination = new MemoryStream();

        await using (var writer = await fixture.Blobs.CreateEncryptingWriterAsync(workspace, Name, destination, leaveOpen: true))
        {
            // Odd write sizes straddle chunk boundaries.
            for (var offset = 0; offset < size; offset += 333)
            {
                await writer.WriteAsync(plaintext.AsMemory(offset, Math.Min(333, size - offset)));
            }
        }

        Assert.Equal(fixture.Blobs.GetCiphertextLength(size), destination.Length);
        Assert.Equal(plaintext, await DecryptAsync(destination.ToArray()));
    }

    [Fact]
    public async Task CreateEncryptingWriterAsync_NotDisposed_BlobIncompleteUntilDisposed()
    {
        var plaintext = RandomNumberGenerator.GetBytes(3000);
        using var destination = new MemoryStream();
        var writer = await fixture.Blobs.CreateEncryptingWriterAsync(workspace, Name, destination, leaveOpen: true);
        await writer.WriteAsync(plaintext);

        var beforeDispose = destination.ToArray();
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(beforeDispose));
        Assert.Equal(plaintext, await DecryptAsync(destination.ToArray()));
    }

    [Fact]
    public async Task SyncWriterAndSyncReader_RoundTrip()
    {
        var plaintext = RandomNumberGenerator.GetBytes((2 * Chunk) + 5);
        using var destination = new MemoryStream();
        using (var writer = await fixture.Blobs.CreateEncryptingWriterAsync(workspace, Name, destination, leaveOpen: true))
        {
            writer.Write(plaintext);
        }

        destination.Position = 0;
        using var reader = await fixture.Blobs.DecryptAsync(workspace, Name, destination, leaveOpen: true);

        Assert.Equal(plaintext, StreamReading.ReadAll(reader, 100));
    }

    [Fact]
    public async Task EncryptAsync_SyncReads_RoundTrip()
    {
        var plaintext = RandomNumberGenerator.GetBytes((2 * Chunk) + 5);
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, Name, new MemoryStream(plaintext));

        var ciphertext = StreamReading.ReadAll(encrypting, 99);

        Assert.Equal(plaintext, await DecryptAsync(ciphertext));
    }

    [Theory]
    [InlineData(0)] // magic
    [InlineData(4)] // format
    [InlineData(8)] // key version
    [InlineData(11)] // chunk size
    [InlineData(13)] // salt
    [InlineData(30)] // nonce prefix
    [InlineData(BlobCipher.HeaderSize)] // first chunk body
    [InlineData(BlobCipher.HeaderSize + Sealed - 1)] // first chunk tag
    [InlineData(BlobCipher.HeaderSize + Sealed + 3)] // second chunk
    [InlineData(-1)] // last tag
    public async Task Decrypt_FlippedBit_Throws(int index)
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes((2 * Chunk) + 100));
        ciphertext[index < 0 ? ciphertext.Length + index : index] ^= 0x10;

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task Decrypt_LastChunkDroppedAtBoundary_Throws()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes((2 * Chunk) + 100));

        var truncated = ciphertext.AsSpan(0, BlobCipher.HeaderSize + (2 * Sealed)).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(truncated));
    }

    [Fact]
    public async Task Decrypt_ExactMultipleWithEmptyLastChunkDropped_Throws()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(2 * Chunk));

        // The full last chunk is flagged last; cutting after the first still leaves one not flagged last.
        var truncated = ciphertext.AsSpan(0, BlobCipher.HeaderSize + Sealed).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(truncated));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(BlobCipher.HeaderSize)]
    public async Task Decrypt_TruncatedInside_Throws(int cut)
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes((2 * Chunk) + 100));

        var truncated = ciphertext.AsSpan(0, ciphertext.Length - cut).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(truncated));
    }

    [Fact]
    public async Task Decrypt_HeaderOnly_Throws()
    {
        var ciphertext = await EncryptAsync([]);

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext.AsSpan(0, BlobCipher.HeaderSize).ToArray()));
    }

    [Fact]
    public async Task Decrypt_ChunksSwapped_Throws()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes((3 * Chunk) + 100));
        var first = ciphertext.AsSpan(BlobCipher.HeaderSize, Sealed).ToArray();
        ciphertext.AsSpan(BlobCipher.HeaderSize + Sealed, Sealed).CopyTo(ciphertext.AsSpan(BlobCipher.HeaderSize));
        first.CopyTo(ciphertext.AsSpan(BlobCipher.HeaderSize + Sealed));

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task Decrypt_ChunkRepeated_Throws()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes((2 * Chunk) + 100));
        var first = ciphertext.AsSpan(BlobCipher.HeaderSize, Sealed).ToArray();
        first.CopyTo(ciphertext.AsSpan(BlobCipher.HeaderSize + Sealed));

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(Sealed)]
    public async Task Decrypt_Extended_Throws(int extra)
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(Chunk + 100));

        var extended = ciphertext.Concat(RandomNumberGenerator.GetBytes(extra)).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(extended));
    }

    [Fact]
    public async Task Decrypt_ValidBlobAppended_Throws()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(Chunk + 100));

        var extended = ciphertext.Concat(ciphertext.AsSpan(BlobCipher.HeaderSize).ToArray()).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(extended));
    }

    [Fact]
    public async Task Decrypt_OtherWorkspaceOrName_Throws()
    {
        var other = Guid.NewGuid();
        await fixture.Keyring.WarmAsync(other);
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(100));

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext, workspaceId: other));
        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext, name: "recordings/call-2.opus"));
    }

    [Fact]
    public async Task Decrypt_NotABlob_Throws()
    {
        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync(RandomNumberGenerator.GetBytes(500)));
        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAsync([]));
    }

    [Fact]
    public async Task Decrypt_AfterRotation_OldBlobReadable_AfterDestroy_KeyDestroyed()
    {
        var plaintext = RandomNumberGenerator.GetBytes(3000);
        var ciphertext = await EncryptAsync(plaintext);

        await fixture.Keyring.RotateAsync(workspace);
        Assert.Equal(plaintext, await DecryptAsync(ciphertext));
        Assert.Equal(2, BlobCipher.GetKeyVersion(await EncryptAsync(plaintext)));
        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);

        await Assert.ThrowsAsync<KeyDestroyedException>(() => DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task GetKeyVersion_Header_ReadsVersion()
    {
        var ciphertext = await EncryptAsync([1, 2, 3]);

        Assert.Equal(1, BlobCipher.GetKeyVersion(ciphertext));
        Assert.Equal(-1, BlobCipher.GetKeyVersion(ciphertext.AsSpan(0, 10)));
    }

    private async Task<byte[]> EncryptAsync(byte[] plaintext)
    {
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, Name, new MemoryStream(plaintext));
        return await StreamReading.ReadAllAsync(encrypting, 500);
    }

    private async Task<byte[]> DecryptAsync(byte[] ciphertext, int readSize = 4096, Guid? workspaceId = null, string name = Name)
    {
        using var decrypting = await fixture.Blobs.DecryptAsync(workspaceId ?? workspace, name, new MemoryStream(ciphertext));
        return await StreamReading.ReadAllAsync(decrypting, readSize);
    }
}
