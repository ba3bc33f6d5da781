using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class WorkspaceKeyringTests : IDisposable
{
    private static readonly FieldContext Context = new("voicemail", "42", "transcript");
    private readonly CryptoFixture fixture = new(cacheDuration: TimeSpan.FromMinutes(1));
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task GetCurrentVersionAsync_FirstUse_StoresOnlyWrappedVersionOne()
    {
        var version = await fixture.Keyring.GetCurrentVersionAsync(workspace);

        var records = await fixture.Store.GetVersionsAsync(workspace, KeyPurpose.Data);
        var record = Assert.Single(records);
        Assert.Equal(1, version);
        Assert.True(record.IsCurrent);
        Assert.Equal(LocalKeyProvider.ProviderName, record.ProviderName);
        using var cached = new KeyPeek(fixture.Keyring, workspace, 1);
        Assert.False(record.WrappedKey.AsSpan().IndexOf(cached.Key) >= 0, "the stored key must be wrapped, not plaintext");
    }

    [Fact]
    public async Task GetCurrentVersionAsync_ConcurrentFirstUse_CreatesOneVersion()
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => fixture.Keyring.GetCurrentVersionAsync(workspace)));

        Assert.All(versions, v => Assert.Equal(1, v));
        Assert.Single(await fixture.Store.GetVersionsAsync(workspace, KeyPurpose.Data));
    }

    [Fact]
    public async Task GetCurrentVersionAsync_TwoKeyringsRacingOnOneStore_AgreeOnOneKey()
    {
        using var second = new WorkspaceKeyring(fixture.Provider, fixture.Store, new WorkspaceKeyringOptions(), fixture.Time);
        var secondFields = new FieldCipher(second);

        var written = await Task.WhenAll(
            fixture.Fields.EncryptAsync(workspace, Context, "a").AsTask(),
            secondFields.EncryptAsync(workspace, Context, "b").AsTask());

        Assert.Equal("b", await fixture.Fields.DecryptStringAsync(workspace, Context, written[1]));
        Assert.Equal("a", await secondFields.DecryptStringAsync(workspace, Context, written[0]));
    }

    [Fact]
    public async Task RotateAsync_NewWritesUseNewVersion_OldRecordsStillDecrypt()
    {
        var old = await fixture.Fields.EncryptAsync(workspace, Context, "before");

        var version = await fixture.Keyring.RotateAsync(workspace);
        var fresh = await fixture.Fields.EncryptAsync(workspace, Context, "after");

        Assert.Equal(2, version);
        Assert.Equal(1, FieldCipher.GetKeyVersion(old));
        Assert.Equal(2, FieldCipher.GetKeyVersion(fresh));
        Assert.Equal("before", await fixture.Fields.DecryptStringAsync(workspace, Context, old));
        Assert.Equal("after", await fixture.Fields.DecryptStringAsync(workspace, Context, fresh));
    }

    [Fact]
    public async Task RotateAsync_InOtherKeyringSharingStore_SeenAfterCacheExpiry()
    {
        using var other = new WorkspaceKeyring(fixture.Provider, fixture.Store, new WorkspaceKeyringOptions(), fixture.Time);
        Assert.Equal(1, await fixture.Keyring.GetCurrentVersionAsync(workspace));

        await other.RotateAsync(workspace);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(2, await fixture.Keyring.GetCurrentVersionAsync(workspace));
    }

    [Fact]
    public async Task ReEncryptAsync_OldRecord_MovesToCurrentVersion()
    {
        var old = await fixture.Fields.EncryptAsync(workspace, Context, "payload");
        await fixture.Keyring.RotateAsync(workspace);

        var moved = await fixture.Fields.ReEncryptAsync(workspace, Context, old);
        var again = await fixture.Fields.ReEncryptAsync(workspace, Context, moved!);

        Assert.NotNull(moved);
        Assert.Equal(2, FieldCipher.GetKeyVersion(moved));
        Assert.Null(again);
        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);
        Assert.Equal("payload", await fixture.Fields.DecryptStringAsync(workspace, Context, moved));
    }

    [Fact]
    public async Task DestroyVersionsAsync_OldVersion_DecryptThrowsKeyDestroyed()
    {
        var old = await fixture.Fields.EncryptAsync(workspace, Context, "gone");
        await fixture.Keyring.RotateAsync(workspace);

        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);

        var error = await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Fields.DecryptAsync(workspace, Context, old).AsTask());
        Assert.Equal(1, error.Version);
        Assert.Equal(workspace, error.WorkspaceId);
        Assert.Empty((await fixture.Store.GetVersionsAsync(workspace, KeyPurpose.Data)).Single(r => r.Version == 1).WrappedKey);
    }

    [Fact]
    public async Task DestroyVersionsAsync_CurrentVersion_Refuses()
    {
        await fixture.Keyring.GetCurrentVersionAsync(workspace);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Keyring.DestroyVersionsAsync(workspace, [1]));
    }

    [Fact]
    public async Task DestroyVersionsAsync_CachedKey_IsZeroed()
    {
        await fixture.Keyring.GetCurrentVersionAsync(workspace);
        var cached = fixture.Keyring.PeekCached(workspace, KeyPurpose.Data, 1)!;
        await fixture.Keyring.RotateAsync(workspace);

        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);

        Assert.All(cached.KeyArrayForTests, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task ShredWorkspaceAsync_EverythingOfWorkspace_FailsWithKeyDestroyed()
    {
        var field = await fixture.Fields.EncryptAsync(workspace, Context, "x");
        var other = Guid.NewGuid();
        var otherField = await fixture.Fields.EncryptAsync(other, Context, "y");

        await fixture.Keyring.ShredWorkspaceAsync(workspace);

        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Fields.DecryptAsync(workspace, Context, field).AsTask());
        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Fields.EncryptAsync(workspace, Context, "new").AsTask());
        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Index.ForEmailAsync(workspace, "a@b.c").AsTask());
        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Keyring.RotateAsync(workspace));
        Assert.Equal("y", await fixture.Fields.DecryptStringAsync(other, Context, otherField));
    }

    [Fact]
    public async Task ShredWorkspaceAsync_NeverUsedWorkspace_RefusesLaterUse()
    {
        await fixture.Keyring.ShredWorkspaceAsync(workspace);

        await Assert.ThrowsAsync<KeyDestroyedException>(() => fixture.Fields.EncryptAsync(workspace, Context, "x").AsTask());
    }

    [Fact]
    public async Task CacheDuration_Elapsed_EvictsAndZeroesKey()
    {
        await fixture.Keyring.WarmAsync(workspace);
        var cached = fixture.Keyring.PeekCached(workspace, KeyPurpose.Data, 1)!;
        Assert.Contains(cached.KeyArrayForTests, b => b != 0);

        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(fixture.Keyring.PeekCached(workspace, KeyPurpose.Data, 1));
        Assert.All(cached.KeyArrayForTests, b => Assert.Equal(0, b));
        Assert.Throws<KeyNotCachedException>(() => fixture.Fields.Encrypt(workspace, Context, "x"u8));
    }

    [Fact]
    public async Task Evict_WhileKeyLeased_ZeroesOnlyAfterRelease()
    {
        await fixture.Keyring.WarmAsync(workspace);
        Assert.True(fixture.Keyring.TryAcquireCurrent(workspace, KeyPurpose.Data, out var lease));
        var cached = lease.Entry;

        fixture.Keyring.EvictWorkspace(workspace);
        var stillUsable = cached.KeyArrayForTests.Any(b => b != 0);
        lease.Dispose();

        Assert.True(stillUsable);
        Assert.All(cached.KeyArrayForTests, b => Assert.Equal(0, b));
        Assert.False(cached.TryAcquire());
    }

    [Fact]
    public async Task GetCurrentVersionAsync_StoredKeyOfOtherProvider_RefusesClearly()
    {
        await fixture.Store.TryAddVersionAsync(new WrappedKeyRecord(workspace, KeyPurpose.Data, 1, "aws-kms", [1, 2, 3], true, fixture.Time.GetUtcNow(), null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Keyring.GetCurrentVersionAsync(workspace));
        Assert.Contains("aws-kms", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Holds a lease on a cached version so a test can compare key bytes; releases on dispose.</summary>
    private readonly struct KeyPeek : IDisposable
    {
        private readonly Internal.KeyLease lease;

        public KeyPeek(WorkspaceKeyring keyring, Guid workspaceId, int version)
        {
            Assert.True(keyring.TryAcquireVersion(workspaceId, KeyPurpose.Data, version, out lease));
        }

        public ReadOnlySpan<byte> Key => lease.Key;

        public void Dispose() => lease.Dispose();
    }
}
