using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.IntegrationTests.Support;

/// <summary>
/// The data layer and the compliance services as a host composes them: real PostgreSQL (migrated), local key file
/// and local blob folder in a temp directory, a fake clock.
/// </summary>
public sealed class ComplianceStack : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pp-compliance-" + Guid.NewGuid().ToString("N"));

    private ComplianceStack(TestDatabase database, IReadOnlyDictionary<string, string?> settings, Func<IBlobStore, IBlobStore>? wrapStore)
    {
        Database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<IKeyProvider>(new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(folder, "master.key") }));
        IBlobStore store = new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = Path.Combine(folder, "blobs") });
        collection.AddSingleton(wrapStore is null ? store : wrapStore(store));
        collection.AddSingleton(provider => new EncryptedBlobStore(
            provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<BlobCipher>(), provider.GetRequiredService<WorkspaceKeyring>()));
        collection.AddSingleton<IWorkspaceBlobs, PhonePlatform.Data.Blobs.CataloguedBlobStore>();
        collection.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        collection.AddPhonePlatformData(_ => database.ConnectionString);
        collection.AddPhonePlatformCompliance(configuration);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; }

    /// <param name="settings">Configuration of the compliance services.</param>
    /// <param name="wrapStore">Instruments the blob store (e.g. to watch what is written through it).</param>
    public static async Task<ComplianceStack> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null, Func<IBlobStore, IBlobStore>? wrapStore = null)
    {
        var stack = new ComplianceStack(await TestDatabase.CreateAsync(), settings ?? new Dictionary<string, string?>(), wrapStore);
        await using var scope = stack.services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        return stack;
    }

    /// <summary>A fresh scope whose context is confined to <paramref name="workspaceId"/>.</summary>
    public (AsyncServiceScope Scope, PhonePlatformDbContext Db) Open(Guid workspaceId)
    {
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        return (scope, db);
    }

    /// <summary>A fresh scope with no workspace (for tables that are not tenant-scoped).</summary>
    public (AsyncServiceScope Scope, PhonePlatformDbContext Db) OpenUnscoped()
    {
        var scope = services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>());
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
