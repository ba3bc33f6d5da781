using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>
/// The data layer as the host composes it (real PostgreSQL, local key file in a temp folder), migrated, with a
/// settable tenant: for tests of the encryption mechanism below the HTTP API.
/// </summary>
public sealed class DataStack : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string keyFolder = Path.Combine(Path.GetTempPath(), "pp-keys-" + Guid.NewGuid().ToString("N"));

    private DataStack(TestDatabase database)
    {
        Database = database;
        var collection = new ServiceCollection();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<IKeyProvider>(new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(keyFolder, "master.key") }));
        collection.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        collection.AddPhonePlatformData(_ => database.ConnectionString);
        services = collection.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => services;

    public static async Task<DataStack> CreateAsync()
    {
        var stack = new DataStack(await TestDatabase.CreateAsync());
        await using var scope = stack.services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        return stack;
    }

    /// <summary>A fresh context (own scope) confined to <paramref name="workspaceId"/>.</summary>
    public (AsyncServiceScope Scope, PhonePlatformDbContext Db) Open(Guid workspaceId)
    {
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        return (scope, db);
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(keyFolder))
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
