using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class BlobRangeTests : IDisposable
{
    private const int Chunk = 1024;
    private const int Sealed = Chunk + 16;
    private const string Name = "voicemail/range.wav";
    private readonly CryptoFixture fixture = new(chunkSize: Chunk);
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    public static TheoryData<int, int> SizesAndOffsets()
    {
        var data = new TheoryData<int, int>();
        foreach (var size in new[] { 0, 1, Chunk, Chunk + 1, (3 * Chunk) + 17 })
        {
            foreach (var offset in new[] { 0, 1, Chunk - 1, Chunk, Chunk + 1, 2 * Chunk, size - 1, size })
            {
                if (offset >= 0 && offset <= size)
                {
                    data.Add(size, offset);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndOffsets))]
    public async Task DecryptFromAsync_SeekableOrNot_ReturnsPlaintextFromOffset(int size, int offset)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var ciphertext = await EncryptAsync(plaintext);

        foreach (var source in new Stream[] { new MemoryStream(ciphertext), new ForwardOnlyStream(ciphertext) })
        {
            await using var decrypted = await fixture.Blobs.DecryptFromAsync(workspace, Name, source, offset);
            Assert.Equal(plaintext[offset..], await StreamReading.ReadAllAsync(decrypted, bufferSize: 300));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk)]
    [InlineData((5 * Chunk) + 3)]
    public async Task GetPlaintextLength_FromCiphertextLength_IsExact(int size)
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(size));

        Assert.Equal(size, BlobCipher.GetPlaintextLength(ciphertext.AsSpan(0, BlobCipher.HeaderSize), ciphertext.Length));
    }

    [Fact]
    public async Task GetPlaintextLength_MalformedHeaderOrLength_IsMinusOne()
    {
        var ciphertext = await EncryptAsync(new byte[10]);

        Assert.Equal(-1, BlobCipher.GetPlaintextLength(new byte[BlobCipher.HeaderSize], ciphertext.Length));
        Assert.Equal(-1, BlobCipher.GetPlaintextLength(ciphertext.AsSpan(0, 5), ciphertext.Length));
        Assert.Equal(-1, BlobCipher.GetPlaintextLength(ciphertext.AsSpan(0, BlobCipher.HeaderSize), BlobCipher.HeaderSize + 3));
        // A last chunk too short to hold its tag.
        Assert.Equal(-1, BlobCipher.GetPlaintextLength(ciphertext.AsSpan(0, BlobCipher.HeaderSize), BlobCipher.HeaderSize + Sealed + 5));
    }

    [Fact]
    public async Task DecryptFromAsync_ChunkBeforeOffsetTampered_IsNeverDecrypted()
    {
        var plaintext = RandomNumberGenerator.GetBytes(3 * Chunk);
        var ciphertext = await EncryptAsync(plaintext);
        ciphertext[BlobCipher.HeaderSize + 5] ^= 1;

        await using var decrypted = await fixture.Blobs.DecryptFromAsync(workspace, Name, new MemoryStream(ciphertext), (2 * Chunk) + 1);

        Assert.Equal(plaintext[((2 * Chunk) + 1)..], await StreamReading.ReadAllAsync(decrypted));
    }

    [Fact]
    public async Task DecryptFromAsync_TamperedOrTruncatedAfterOffset_Fails()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(3 * Chunk));
        var tampered = (byte[])ciphertext.Clone();
        tampered[BlobCipher.HeaderSize + Sealed + 5] ^= 1;
        var truncated = ciphertext[..(BlobCipher.HeaderSize + (2 * Sealed))];

        foreach (var bad in new[] { tampered, truncated })
        {
            // The chunk holding the offset is opened before the stream is returned; later ones while reading.
            await Assert.ThrowsAsync<DecryptionFailedException>(async () =>
            {
                await using var decrypted = await fixture.Blobs.DecryptFromAsync(workspace, Name, new MemoryStream(bad), Chunk + 10);
                await StreamReading.ReadAllAsync(decrypted);
            });
        }
    }

    [Fact]
    public async Task DecryptFromAsync_OffsetBeyondEnd_Fails()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(10));

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var decrypted = await fixture.Blobs.DecryptFromAsync(workspace, Name, new ForwardOnlyStream(ciphertext), 5 * Chunk);
            await StreamReading.ReadAllAsync(decrypted);
        });
    }

    private async Task<byte[]> EncryptAsync(byte[] plaintext)
    {
        await using var encrypting = await fixture.Blobs.EncryptAsync(workspace, Name, new MemoryStream(plaintext));
        return await StreamReading.ReadAllAsync(encrypting);
    }

    /// <summary>A store stream that cannot seek (like an S3 response body).</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
