using System.Security.Cryptography;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class BackupCipherTests : IDisposable
{
    private const int Chunk = 1024;
    private const string Name = "backups/20261123T090000Z/database.dump.enc";
    private readonly CryptoFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private BackupCipher Cipher => new(fixture.Provider, Chunk);

    [Theory]
    [InlineData(0)]
    [InlineData(Chunk)]
    [InlineData((5 * Chunk) + 3)]
    public async Task EncryptAsync_ThenDecryptAsync_RoundTrips(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var ciphertext = await EncryptAsync(plaintext);

        Assert.Equal("PPBK"u8.ToArray(), ciphertext[..4]);
        Assert.Equal(plaintext, await DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task DecryptAsync_UnderAnotherObjectName_Fails()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(3000));

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext, "backups/20261124T090000Z/database.dump.enc"));
    }

    [Theory]
    [InlineData(8)] // inside the wrapped key
    [InlineData(200)] // inside the first chunk
    [InlineData(-1)] // last tag
    public async Task DecryptAsync_FlippedByte_Fails(int position)
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(3000));
        ciphertext[position < 0 ? ciphertext.Length + position : position] ^= 0x10;

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task DecryptAsync_Truncated_Fails()
    {
        var ciphertext = await EncryptAsync(RandomNumberGenerator.GetBytes(3 * Chunk));

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(ciphertext[..^(Chunk + 16)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PPB")]
    [InlineData("PPBK\u0001\u0000\u0000")] // zero-length wrapped key
    [InlineData("PPBK\u0001\u00ff\u00ff")] // wrapped key longer than allowed
    [InlineData("PPEB\u0001\u0000\u0001x")] // a workspace blob, not a backup
    public async Task DecryptAsync_HostileHeader_FailsCleanly(string header)
    {
        var bytes = header.Select(c => (byte)c).ToArray();

        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => DecryptAsync(bytes));
    }

    [Fact]
    public async Task WrappedKey_IsBoundToThePlatformScope_NotAWorkspace()
    {
        var ciphertext = await EncryptAsync([1, 2, 3]);
        var wrapped = ciphertext.AsMemory(7, (ciphertext[5] << 8) | ciphertext[6]);

        using var key = await fixture.Provider.DecryptDataKeyAsync(BackupCipher.PlatformBackupScope, wrapped);
        await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => fixture.Provider.DecryptDataKeyAsync(Guid.CreateVersion7(), wrapped));
    }

    private async Task<byte[]> EncryptAsync(byte[] plaintext)
    {
        await using var encrypting = await Cipher.EncryptAsync(Name, new MemoryStream(plaintext));
        using var output = new MemoryStream();
        await encrypting.CopyToAsync(output);
        return output.ToArray();
    }

    private async Task<byte[]> DecryptAsync(byte[] ciphertext, string name = Name)
    {
        await using var decrypting = await Cipher.DecryptAsync(name, new MemoryStream(ciphertext));
        using var output = new MemoryStream();
        await decrypting.CopyToAsync(output);
        return output.ToArray();
    }
}
