namespace PhonePlatform.Crypto.Tests;

/// <summary>
/// The semantics every <see cref="IWrappedKeyStore"/> must have (the data layer's PostgreSQL store should pass the
/// same cases); run here against <see cref="InMemoryWrappedKeyStore"/>.
/// </summary>
public abstract class WrappedKeyStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly Guid workspace = Guid.NewGuid();

    protected abstract IWrappedKeyStore Store { get; }

    [Fact]
    public async Task TryAddVersionAsync_ExistingVersion_ReturnsFalseAndKeepsFirst()
    {
        Assert.True(await Store.TryAddVersionAsync(Record(1, [1], current: true)));

        Assert.False(await Store.TryAddVersionAsync(Record(1, [2], current: true)));

        var stored = Assert.Single(await Store.GetVersionsAsync(workspace, KeyPurpose.Data));
        Assert.Equal([1], stored.WrappedKey);
    }

    [Fact]
    public async Task TryAddVersionAsync_NewCurrent_ClearsPreviousCurrent()
    {
        await Store.TryAddVersionAsync(Record(1, [1], current: true));
        await Store.TryAddVersionAsync(Record(2, [2], current: true));

        var versions = await Store.GetVersionsAsync(workspace, KeyPurpose.Data);

        Assert.Equal([2], versions.Where(r => r.IsCurrent).Select(r => r.Version));
    }

    [Fact]
    public async Task SetCurrentAsync_OlderVersion_BecomesOnlyCurrent()
    {
        await Store.TryAddVersionAsync(Record(1, [1], current: true));
        await Store.TryAddVersionAsync(Record(2, [2], current: true));

        await Store.SetCurrentAsync(workspace, KeyPurpose.Data, 1);

        Assert.Equal([1], (await Store.GetVersionsAsync(workspace, KeyPurpose.Data)).Where(r => r.IsCurrent).Select(r => r.Version));
    }

    [Fact]
    public async Task DestroyVersionsAsync_KeepsTombstoneWithoutKeyBytes()
    {
        await Store.TryAddVersionAsync(Record(1, [1, 2, 3], current: false));
        await Store.TryAddVersionAsync(Record(2, [4, 5, 6], current: true));

        await Store.DestroyVersionsAsync(workspace, KeyPurpose.Data, [1, 99], Now);

        var versions = (await Store.GetVersionsAsync(workspace, KeyPurpose.Data)).OrderBy(r => r.Version).ToList();
        Assert.Equal(2, versions.Count);
        Assert.True(versions[0].IsDestroyed);
        Assert.Empty(versions[0].WrappedKey);
        Assert.Equal(Now, versions[0].DestroyedAt);
        Assert.False(versions[1].IsDestroyed);
    }

    [Fact]
    public async Task GetVersionsAsync_PurposesAndWorkspacesAreSeparate()
    {
        await Store.TryAddVersionAsync(Record(1, [1], current: true));
        await Store.TryAddVersionAsync(Record(1, [9], current: true) with { Purpose = KeyPurpose.BlindIndex });

        Assert.Equal([1], (await Store.GetVersionsAsync(workspace, KeyPurpose.Data)).Single().WrappedKey);
        Assert.Equal([9], (await Store.GetVersionsAsync(workspace, KeyPurpose.BlindIndex)).Single().WrappedKey);
        Assert.Empty(await Store.GetVersionsAsync(Guid.NewGuid(), KeyPurpose.Data));
    }

    private WrappedKeyRecord Record(int version, byte[] wrapped, bool current) =>
        new(workspace, KeyPurpose.Data, version, "local", wrapped, current, Now, null);
}

public sealed class InMemoryWrappedKeyStoreTests : WrappedKeyStoreContractTests
{
    protected override IWrappedKeyStore Store { get; } = new InMemoryWrappedKeyStore();
}
