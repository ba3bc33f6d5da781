using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

public sealed class PostgresWrappedKeyStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly Guid workspace = Guid.NewGuid();
    private DataStack stack = null!;

    private IWrappedKeyStore Store => stack.Get<IWrappedKeyStore>();

    public async Task InitializeAsync() => stack = await DataStack.CreateAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task TryAddVersionAsync_SameVersionTwice_SecondReturnsFalseAndKeepsFirst()
    {
        Assert.True(await Store.TryAddVersionAsync(Record(1, [1, 2, 3], current: true)));
        Assert.False(await Store.TryAddVersionAsync(Record(1, [9, 9], current: true)));

        var stored = Assert.Single(await Store.GetVersionsAsync(workspace, KeyPurpose.Data));
        Assert.Equal([1, 2, 3], stored.WrappedKey);
        Assert.True(stored.IsCurrent);
        Assert.Equal(Now, stored.CreatedAt);
    }

    [Fact]
    public async Task TryAddVersionAsync_NewCurrentVersion_ClearsPreviousCurrent()
    {
        await Store.TryAddVersionAsync(Record(1, [1], current: true));
        await Store.TryAddVersionAsync(Record(2, [2], current: true));

        var versions = await Store.GetVersionsAsync(workspace, KeyPurpose.Data);
        Assert.Equal(2, Assert.Single(versions, v => v.IsCurrent).Version);

        await Store.SetCurrentAsync(workspace, KeyPurpose.Data, 1);
        Assert.Equal(1, Assert.Single(await Store.GetVersionsAsync(workspace, KeyPurpose.Data), v => v.IsCurrent).Version);
    }

    [Fact]
    public async Task TryAddVersionAsync_ConcurrentCurrentVersions_ExactlyOneCurrentRemains()
    {
        await Task.WhenAll(Enumerable.Range(1, 8).Select(v => Store.TryAddVersionAsync(Record(v, [(byte)v], current: true))));

        var versions = await Store.GetVersionsAsync(workspace, KeyPurpose.Data);
        Assert.Equal(8, versions.Count);
        Assert.Single(versions, v => v.IsCurrent);
    }

    [Fact]
    public async Task DestroyVersionsAsync_ErasesWrappedBytesAndKeepsTombstone()
    {
        await Store.TryAddVersionAsync(Record(1, [1, 2], current: false));
        await Store.TryAddVersionAsync(Record(2, [3, 4], current: true));

        await Store.DestroyVersionsAsync(workspace, KeyPurpose.Data, [1], Now.AddHours(1));

        var versions = (await Store.GetVersionsAsync(workspace, KeyPurpose.Data)).OrderBy(v => v.Version).ToList();
        Assert.Empty(versions[0].WrappedKey);
        Assert.Equal(Now.AddHours(1), versions[0].DestroyedAt);
        Assert.Equal([3, 4], versions[1].WrappedKey);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetCurrentAsync(workspace, KeyPurpose.Data, 1));
    }

    [Fact]
    public async Task GetVersionsAsync_OtherPurposeOrWorkspace_IsSeparate()
    {
        await Store.TryAddVersionAsync(Record(1, [1], current: true));

        Assert.Empty(await Store.GetVersionsAsync(workspace, KeyPurpose.BlindIndex));
        Assert.Empty(await Store.GetVersionsAsync(Guid.NewGuid(), KeyPurpose.Data));
    }

    [Fact]
    public void Store_RegisteredByDataLayer_IsPostgres() => Assert.IsType<PostgresWrappedKeyStore>(Store);

    private WrappedKeyRecord Record(int version, byte[] wrapped, bool current) =>
        new(workspace, KeyPurpose.Data, version, "local", wrapped, current, Now, null);
}
