using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Core.Workspaces;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks.IntegrationTests.Support;

/// <summary>
/// The dispatcher as the jobs role composes it: real PostgreSQL (own database, migrated), local key file, a fake
/// clock, loopback destinations allowed (the test receiver listens on 127.0.0.1), and one workspace.
/// </summary>
internal sealed class WebhookStack : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string keyFolder = Path.Combine(Path.GetTempPath(), "pp-keys-" + Guid.NewGuid().ToString("N"));

    private WebhookStack(TestDatabase database, Dictionary<string, string?> settings)
    {
        Database = database;
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IKeyProvider>(new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(keyFolder, "master.key") }));
        collection.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        collection.AddPhonePlatformData(_ => database.ConnectionString);
        collection.AddPhonePlatformWebhooks(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), runJobs: false);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database { get; }

    public Guid WorkspaceId { get; private set; }

    public WebhookFanOut FanOut => services.GetRequiredService<WebhookFanOut>();

    public WebhookDeliverer Deliverer => services.GetRequiredService<WebhookDeliverer>();

    public WebhookOptions Options => services.GetRequiredService<WebhookOptions>();

    public static async Task<WebhookStack> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings.TryAdd("Webhooks:AllowLoopbackDestinations", "true");
        var stack = new WebhookStack(await TestDatabase.CreateAsync(), settings);
        await using (var scope = stack.services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        }

        var workspace = new Workspace { Name = "Webhook test", CreatedAt = DateTimeOffset.UtcNow };
        await stack.WithDbAsync(workspace.Id, async db =>
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
        });
        stack.WorkspaceId = workspace.Id;
        return stack;
    }

    public async Task WithDbAsync(Guid workspaceId, Func<PhonePlatformDbContext, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        await work(db);
    }

    public async Task<T> WithDbAsync<T>(Func<PhonePlatformDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(WorkspaceId);
        return await work(db);
    }

    /// <summary>A use case resolved in its own scope, confined to the test workspace.</summary>
    public async Task<TResult> RunAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().UseWorkspace(WorkspaceId);
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    public Task<CreatedWebhook> SubscribeAsync(string url, params string[] eventTypes) =>
        RunAsync<CreateWebhookSubscription, CreatedWebhook>(c => c.ExecuteAsync(
            new WebhookInput(url, eventTypes.Length == 0 ? [WorkspaceEventTypes.ContactCreated] : eventTypes, "test"), CancellationToken.None));

    /// <summary>Writes an event the way producers do: in the SaveChanges of their change.</summary>
    public Task<Guid> PublishAsync(string type, object data) => WithDbAsync(async db =>
    {
        var workspaceEvent = WorkspaceEvent.Create(WorkspaceId, type, data, Time.GetUtcNow());
        db.WorkspaceEvents.Add(workspaceEvent);
        await db.SaveChangesAsync();
        return workspaceEvent.Id;
    });

    public Task<List<WebhookDelivery>> DeliveriesAsync() =>
        WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync());

    public Task<List<WebhookAttempt>> AttemptsAsync(Guid deliveryId) =>
        WithDbAsync(db => db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Fans out pending events, then makes every attempt that is due now.</summary>
    public async Task<int> DispatchAsync()
    {
        await FanOut.RunOnceAsync(CancellationToken.None);
        return await Deliverer.RunOnceAsync(CancellationToken.None);
    }

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
