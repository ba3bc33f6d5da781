using System.Runtime.Versioning;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

// The key file's protection is a POSIX mode; the platform runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class LocalKeyProviderTests
{
    [Fact]
    public void Constructor_NoKeyFile_CreatesThirtyTwoByteFileWithMode0600()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("nested", "keys", "master.key");

        using var provider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = path });

        Assert.Equal(32, new FileInfo(path).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task DecryptDataKeyAsync_SecondInstanceOnSameFile_UnwrapsKeyOfFirst()
    {
        using var directory = new TempDirectory();
        var options = new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("master.key") };
        var workspace = Guid.NewGuid();
        using var first = new LocalKeyProvider(options);
        using var generated = await first.GenerateDataKeyAsync(workspace);

        using var second = new LocalKeyProvider(options);
        using var unwrapped = await second.DecryptDataKeyAsync(workspace, generated.WrappedKey);

        Assert.Equal(32, unwrapped.Length);
        Assert.True(generated.Plaintext.Span.SequenceEqual(unwrapped.Span));
    }

    [Fact]
    public async Task Constructor_ManyStartingAtOnce_AllShareOneMasterKey()
    {
        using var directory = new TempDirectory();
        var options = new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("keys", "master.key") };
        var workspace = Guid.NewGuid();

        var providers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new LocalKeyProvider(options))));
        try
        {
            using var generated = await providers[0].GenerateDataKeyAsync(workspace);
            foreach (var provider in providers)
            {
                using var unwrapped = await provider.DecryptDataKeyAsync(workspace, generated.WrappedKey);
                Assert.True(generated.Plaintext.Span.SequenceEqual(unwrapped.Span));
            }

            Assert.Equal(["master.key"], Directory.GetFiles(directory.Combine("keys")).Select(Path.GetFileName));
        }
        finally
        {
            foreach (var provider in providers)
            {
                provider.Dispose();
            }
        }
    }

    [Fact]
    public async Task DecryptDataKeyAsync_OtherWorkspace_Throws()
    {
        using var directory = new TempDirectory();
        using var provider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("master.key") });
        using var generated = await provider.GenerateDataKeyAsync(Guid.NewGuid());

        await Assert.ThrowsAsync<DecryptionFailedException>(() => provider.DecryptDataKeyAsync(Guid.NewGuid(), generated.WrappedKey));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(68)]
    public async Task DecryptDataKeyAsync_FlippedBit_Throws(int index)
    {
        using var directory = new TempDirectory();
        using var provider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("master.key") });
        var workspace = Guid.NewGuid();
        using var generated = await provider.GenerateDataKeyAsync(workspace);
        var wrapped = generated.WrappedKey.ToArray();
        wrapped[index] ^= 0x01;

        await Assert.ThrowsAsync<DecryptionFailedException>(() => provider.DecryptDataKeyAsync(workspace, wrapped));
    }

    [Fact]
    public async Task DecryptDataKeyAsync_OtherMasterKey_Throws()
    {
        using var directory = new TempDirectory();
        using var first = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("a.key") });
        using var other = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("b.key") });
        var workspace = Guid.NewGuid();
        using var generated = await first.GenerateDataKeyAsync(workspace);

        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => other.DecryptDataKeyAsync(workspace, generated.WrappedKey));
        Assert.Contains("different local master key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyFileReadableByOthers_Refuses()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.key");
        using (new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = path }))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = path }));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyFileOfWrongLength_Refuses()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.key");
        File.WriteAllBytes(path, new byte[16]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Throws<InvalidOperationException>(() => new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = path }));
    }

    [Fact]
    public async Task ToString_KeyTypes_RevealNoKeyBytes()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.key");
        using var provider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = path });
        using var generated = await provider.GenerateDataKeyAsync(Guid.NewGuid());
        var masterHex = Convert.ToHexString(File.ReadAllBytes(path));
        var dataHex = Convert.ToHexString(generated.Plaintext.Span);
        var dataBase64 = Convert.ToBase64String(generated.Plaintext.Span);

        foreach (var text in new[] { provider.ToString(), generated.ToString(), generated.Plaintext.ToString() })
        {
            Assert.DoesNotContain(masterHex, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(dataHex, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(dataBase64, text, StringComparison.Ordinal);
            Assert.Contains("redacted", text, StringComparison.Ordinal);
        }
    }
}
