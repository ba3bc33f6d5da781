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

    private SmsStack(TestDatabase database, IReadOnlyList<SmscSimulator> smscs, SmsOptions options, string? password)
    {
        Database = database;
        Smscs = smscs;
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<IKeyProvider>(new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = KeyFile }));
        collection.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        collection.AddPhonePlatformData(_ => database.ConnectionString);
        collection.AddPhonePlatformSms(options);
        collection.AddSingleton(provider => new SmsCarrierRouter(
            smscs.Select((smsc, i) => new NamedCarrier(CarrierName(i), new SmppCarrier(CarrierName(i), smsc.ClientOptions(password), provider.GetRequiredService<SmsIngress>()))),
            options.DefaultCarrier,
            options.NumberCarriers));
        collection.AddSingleton<SmppCarrierLinks>();
        collection.AddSingleton<SmsIngressWorker>();
        collection.AddTransient<SmsOutboxWorker>();
        services = collection.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    /// <summary>The local master key file (a separate host process on the same data needs the same one).</summary>
    public string KeyFile => Path.Combine(keyFolder, "master.key");

    /// <summary>The first SMSC (carrier "carrier-a").</summary>
    public SmscSimulator Smsc => Smscs[0];

    /// <summary>One SMSC per carrier: "carrier-a", "carrier-b", …</summary>
    public IReadOnlyList<SmscSimulator> Smscs { get; }

    public SmsCarrierRouter Router => services.GetRequiredService<SmsCarrierRouter>();

    public static string CarrierName(int index) => "carrier-" + (char)('a' + index);

    public Guid WorkspaceId { get; private set; }

    public Guid NumberId { get; private set; }

    /// <summary>
    /// Starts the stack with <paramref name="carriers"/> SMSC simulators; the carriers bind in the background
    /// (<see cref="SmppCarrierLinks"/>), with <paramref name="password"/> instead of the right one when given.
    /// </summary>
    public static async Task<SmsStack> StartAsync(SmsOptions? options = null, int carriers = 1, string? password = null, bool waitForBind = true, string? postgresAdmin = null)
    {
        var smscs = new List<SmscSimulator>();
        for (var i = 0; i < carriers; i++)
        {
            smscs.Add(await SmscSimulator.StartAsync());
        }

        var stack = new SmsStack(await TestDatabase.CreateAsync(postgresAdmin), smscs, options ?? new SmsOptions { PollInterval = TimeSpan.FromMilliseconds(20) }, password);
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
        await stack.Links.StartAsync(CancellationToken.None);
        if (waitForBind)
        {
            await WaitUntilAsync(() => stack.Router.Carriers.All(c => c.Carrier.IsAvailable), "carriers bound");
        }

        await stack.Ingress.StartAsync(CancellationToken.None);
        return stack;
    }

    public SmsIngressWorker Ingress => services.GetRequiredService<SmsIngressWorker>();

    public SmppCarrierLinks Links => services.GetRequiredService<SmppCarrierLinks>();

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Never reached: " + what);
            }

            await Task.Delay(20);
        }
    }

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

    /// <summary>Polls until <paramref name="condition"/> holds over all messages; fails after <paramref name="seconds"/>.</summary>
    public async Task<List<Message>> WaitForMessagesAsync(Func<List<Message>, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
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
        await Links.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        foreach (var smsc in Smscs)
        {
            await smsc.DisposeAsync();
        }

        await Database.DisposeAsync();
        if (Directory.Exists(keyFolder))
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
