using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real host over the real HTTP pipeline (TestServer) against its own PostgreSQL database, with a fake clock
/// (so TOTP steps and lockouts are driven by the test) and low Argon2 cost set through configuration only.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Settings a test class may add before the host starts (e.g. a tighter rate limit).</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["PasswordHashing:MemoryKiB"] = "1024",
        ["PasswordHashing:Iterations"] = "1",
        ["Auth:AttemptsPerMinutePerIp"] = "100000",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        // TestServer has no listening addresses; tell HTTPS redirection where HTTPS is, as a deployment would.
        ["HTTPS_PORT"] = "443",
        // Webhook receivers in tests listen on loopback (plain http); every other internal destination stays refused.
        ["Webhooks:AllowLoopbackDestinations"] = "true",
        // Tests move the fake clock in big steps; an attempt's timeout runs on it, so keep it far from those steps.
        ["Webhooks:Timeout"] = "01:00:00",
        ["Storage:BlobFolder"] = Path.Combine(Path.GetTempPath(), "pp-api-blobs-" + Guid.NewGuid().ToString("N")),
        // The gateway's SIP transports toward trunks: a free loopback port, never a shared 5060.
        ["Gateway:SipAddress"] = "127.0.0.1",
        ["Gateway:SipPort"] = "0",
    };

    /// <summary>Keep the system clock instead of <see cref="Time"/> (for tests of background loops: SMS workers, event streams).</summary>
    public bool UseSystemClock { get; init; }

    /// <summary>Extra registrations a test class adds before the host starts (e.g. a log sink).</summary>
    public Action<IServiceCollection>? ExtraServices { get; set; }

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public HttpClient CreateHttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureServices(services =>
        {
            if (!UseSystemClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }

            // TestServer has no socket; give requests the loopback address a real connection would have.
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackRemoteAddress>();
            ExtraServices?.Invoke(services);
        });
    }

    private sealed class LoopbackRemoteAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
