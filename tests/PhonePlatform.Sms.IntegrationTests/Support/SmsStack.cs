using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Workspaces;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Smpp.Tests.Integration;

namespace PhonePlatform.Sms.IntegrationTests.Support;

/// <summary>
/// The SMS pipeline as a worker host composes it: real PostgreSQL (own database, migrated), local key file, the
/// SMSC simulator on loopback behind an <see cref="SmppCarrier"/>, and a workspace holding one number.
/// </summary>
internal sealed class SmsStack : IAsyncDisposable
{
    public const string WorkspaceNumber = "+14155550100";

    private readonly ServiceProvider services;
    private readonly string keyFolder = Path.Combine(Path.GetTempPath(), "pp-keys-" + Guid.NewGuid().ToString("N"));

    private SmsStack(TestDatabase database, SmscSimulator smsc, SmsOptions options)
    {
        Database = database;
        Smsc = smsc;
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<IKeyProvider>(new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(keyFolder, "master.key") }));
        collection.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        collection.AddPhonePlatformData(_ => database.ConnectionString);
        collection.AddPhonePlatformSms(options);
        collection.AddSingleton(provider => new SmppCarrier(smsc.ClientOptions(), provider.GetRequiredService<SmsIngress>()));
        collection.AddSingleton<ISmsCarrier>(provider => provider.GetRequiredService<SmppCarrier>());
        collection.AddSingleton<SmsIngressWorker>();
        collection.AddTransient<SmsOutboxWorker>();
        services = collection.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public SmscSimulator Smsc { get; }

    public Guid WorkspaceId { get; private set; }

    public Guid NumberId { get; private set; }

    public static async Task<SmsStack> StartAsync(SmsOptions? options = null)
    {
        var smsc = await SmscSimulator.StartAsync();
        var stack = new SmsStack(await TestDatabase.CreateAsync(), smsc, options ?? new SmsOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        await using (var scope = stack.services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        }

        var workspace = new Workspace { Name = "SMS test", CreatedAt = DateTimeOffset.UtcNow };
        var number = new PhoneNumber { E164 = WorkspaceNumber, CreatedAt = DateTimeOffset.UtcNow };
        await stack.WithDbAsync(workspace.Id, async db =>
        {
            db.Workspaces.Add(workspace);
            db.PhoneNumbers.Add(number);
            await db.SaveChangesAsync();
        });
        stack.WorkspaceId = workspace.Id;
        stack.NumberId = number.Id;
        await stack.services.GetRequiredService<SmppCarrier>().StartAsync(CancellationToken.None);
        await stack.Ingress.StartAsync(CancellationToken.None);
        return stack;
    }

    public SmsIngressWorker Ingress => services.GetRequiredService<SmsIngressWorker>();

    /// <summary>A new outbox worker (several can run against the same outbox).</summary>
    public SmsOutboxWorker NewWorker() => services.GetRequiredService<SmsOutboxWorker>();

    public async Task<SendOutcome> SendAsync(string to, string body)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(WorkspaceId);
        return await scope.ServiceProvider.GetRequiredService<SendMessage>().ExecuteAsync(NumberId, to, body, CancellationToken.None);
    }

    public async Task WithDbAsync(Guid workspaceId, Func<PhonePlatformDbContext, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        await action(db);
    }

    public async Task<T> QueryAsync<T>(Func<PhonePlatformDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(WorkspaceId);
        return await query(db);
    }

    public Task<List<Message>> MessagesAsync() =>
        QueryAsync(db => db.Set<Message>().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Polls until <paramref name="condition"/> holds over all messages; fails after 20 s.</summary>
    public async Task<List<Message>> WaitForMessagesAsync(Func<List<Message>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var messages = await MessagesAsync();
            if (condition(messages))
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Messages never reached the expected state: " +
                    string.Join(", ", messages.Select(m => $"{m.Direction}/{m.Status}/{m.FailureReason}")));
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Ingress.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        await Smsc.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(keyFolder))
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
