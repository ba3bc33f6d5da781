using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class WarmVersionTests : IDisposable
{
    private static readonly FieldContext Context = new("contact", "1", "name");
    private readonly CryptoFixture fixture = new();
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task WarmVersionAsync_OldVersionEvicted_SynchronousDecryptWorksAgain()
    {
        var old = await fixture.Fields.EncryptAsync(workspace, Context, "Ada");
        await fixture.Keyring.RotateAsync(workspace);
        fixture.Keyring.EvictWorkspace(workspace);
        Assert.Throws<KeyNotCachedException>(() => fixture.Fields.DecryptString(workspace, Context, old));

        await fixture.Keyring.WarmVersionAsync(workspace, FieldCipher.GetKeyVersion(old));

        Assert.Equal("Ada", fixture.Fields.DecryptString(workspace, Context, old));
    }

    [Fact]
    public async Task WarmVersionAsync_DestroyedVersion_ThrowsKeyDestroyed()
    {
        await fixture.Keyring.WarmAsync(workspace);
        await fixture.Keyring.RotateAsync(workspace);
        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);

        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Keyring.WarmVersionAsync(workspace, 1));
    }
}
