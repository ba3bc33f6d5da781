using System.Buffers.Binary;
using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

/// <summary>Ciphertexts come back from storage an attacker may control: garbage must fail cleanly, never otherwise.</summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly FieldContext Context = new("contact", "1", "email");
    private readonly CryptoFixture fixture = new();
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task FieldDecryptAsync_RandomBytes_OnlyDecryptionFailed()
    {
        await fixture.Keyring.WarmAsync(workspace);
        for (var i = 0; i < 500; i++)
        {
            var garbage = RandomNumberGenerator.GetBytes(Random.Shared.Next(0, 80));
            if (garbage.Length > 0 && i % 2 == 0)
            {
                garbage[0] = 1;
                if (garbage.Length >= 5)
                {
                    BinaryPrimitives.WriteInt32BigEndian(garbage.AsSpan(1), i % 4 == 0 ? 1 : Random.Shared.Next());
                }
            }

            await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(workspace, Context, garbage).AsTask());
        }
    }

    [Fact]
    public async Task BlobDecryptAsync_RandomBytes_OnlyDecryptionFailed()
    {
        await fixture.Keyring.WarmAsync(workspace);
        for (var i = 0; i < 200; i++)
        {
            var garbage = RandomNumberGenerator.GetBytes(Random.Shared.Next(0, 3000));
            await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAllAsync(garbage));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(255)]
    [InlineData(int.MaxValue)]
    [InlineData(16 * 1024 * 1024 + 1)]
    public async Task BlobDecryptAsync_HostileChunkSize_RefusedBeforeAllocating(int chunkSize)
    {
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, "b", new MemoryStream(new byte[100]));
        var ciphertext = await StreamReading.ReadAllAsync(encrypting);
        BinaryPrimitives.WriteInt32BigEndian(ciphertext.AsSpan(9), chunkSize);

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAllAsync(ciphertext));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task BlobDecryptAsync_NonPositiveKeyVersion_Refused(int version)
    {
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, "b", new MemoryStream(new byte[100]));
        var ciphertext = await StreamReading.ReadAllAsync(encrypting);
        BinaryPrimitives.WriteInt32BigEndian(ciphertext.AsSpan(5), version);

        await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAllAsync(ciphertext));
    }

    [Fact]
    public async Task BlobDecryptAsync_ValidHeaderThenGarbage_DecryptionFailed()
    {
        using var encrypting = await fixture.Blobs.EncryptAsync(workspace, "b", new MemoryStream(new byte[100]));
        var ciphertext = await StreamReading.ReadAllAsync(encrypting);
        for (var length = 0; length < 300; length += 7)
        {
            var forged = ciphertext.AsSpan(0, BlobCipher.HeaderSize).ToArray().Concat(RandomNumberGenerator.GetBytes(length)).ToArray();

            await Assert.ThrowsAsync<DecryptionFailedException>(() => DecryptAllAsync(forged));
        }
    }

    private async Task DecryptAllAsync(byte[] ciphertext)
    {
        await using var decrypting = await fixture.Blobs.DecryptAsync(workspace, "b", new MemoryStream(ciphertext));
        await StreamReading.ReadAllAsync(decrypting);
    }
}
