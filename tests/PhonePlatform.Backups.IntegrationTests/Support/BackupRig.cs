using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups.IntegrationTests.Support;

/// <summary>The backup services over a compliance stack's database, key provider, blob store and clock, with captured logs.</summary>
public sealed class BackupRig : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private BackupRig(ComplianceStack stack, int retention)
    {
        Stack = stack;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backup:Schedule"] = "hourly",
            ["Backup:RetentionCount"] = retention.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backup:ScratchServerConnectionString"] = Environment.GetEnvironmentVariable("PHONEPLATFORM_TEST_POSTGRES"),
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(Logs));
        collection.AddSingleton<TimeProvider>(stack.Clock);
        collection.AddSingleton(stack.Get<IKeyProvider>());
        collection.AddSingleton(stack.Get<IBlobStore>());
        collection.AddPhonePlatformBackups(configuration, _ => stack.Database.ConnectionString);
        services = collection.BuildServiceProvider();
    }

    public ComplianceStack Stack { get; }

    public CapturedLogs Logs { get; } = new();

    public IBlobStore Store => Stack.Get<IBlobStore>();

    public static async Task<BackupRig> CreateAsync(int retention = 3) => new(await ComplianceStack.CreateAsync(), retention);

    public T Get<T>() where T : notnull => services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Stack.DisposeAsync();
    }
}
