using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using PhonePlatform.Api.Sip;
using PhonePlatform.Data;

namespace PhonePlatform.Web.BrowserTests.Infrastructure;

/// <summary>
/// The real API host on Kestrel (a free loopback port) against its own PostgreSQL database, serving the built web
/// app from web/dist, plus one headless Chromium (/usr/bin/chromium; Playwright never downloads a browser here).
/// </summary>
public class WebHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;
    private IPlaywright? playwright;

    public ShiftedTimeProvider Time { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>http://localhost:PORT — "localhost" so Chromium treats the origin as secure and keeps the Secure session cookie.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    public virtual async Task InitializeAsync()
    {
        var dist = Path.Combine(RepositoryRoot, "web", "dist");
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            throw new InvalidOperationException("web/dist is not built: run `npm ci && npm run build` in web/ (deploy/test-deps/70-web.sh does).");
        }

        database = await TestDatabase.CreateAsync();
        UseKestrel(0);
        StartServer();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        }

        BaseAddress = new UriBuilder(ClientOptions.BaseAddress) { Host = "localhost" }.Uri;
        playwright = await Playwright.CreateAsync();
        // The softphone's microphone: a fake device (a beep) granted without a prompt; remote audio may play unprompted.
        Browser = await LaunchChromiumAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required");
        Directory.CreateDirectory(ScreenshotFolder);

        // CI runs every test project at once on two cores: a screen may take many times longer than on a quiet run.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>Another headless Chromium with these flags (the caller closes it), e.g. one that refuses the microphone.</summary>
    public Task<IBrowser> LaunchChromiumAsync(params string[] flags) =>
        (playwright ?? throw new InvalidOperationException("The host is not started.")).Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PHONEPLATFORM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", .. flags],
        });

    /// <summary>The gateway's trunk-facing SIP port: it answers OPTIONS with 200, so a trunk pointed at it is certainly up.</summary>
    public int GatewayTrunkPort =>
        ((IPEndPoint)Services.GetRequiredService<TrunkSipTransports>().Transports[0].LocalEndPoint).Port;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposePeersAsync();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Stops what a derived host started beside the host (simulators).</summary>
    protected virtual Task DisposePeersAsync() => Task.CompletedTask;

    /// <summary>Configuration a derived host adds (gateway trunks, media ports).</summary>
    protected virtual void AddSettings(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database?.ConnectionString ?? throw new InvalidOperationException("No database."),
            ["PasswordHashing:MemoryKiB"] = "1024",
            ["PasswordHashing:Iterations"] = "1",
            ["Auth:AttemptsPerMinutePerIp"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Gateway:SipAddress"] = "127.0.0.1",
            ["Gateway:SipPort"] = "0",
            ["Gateway:EnableTcp"] = "false",
            ["Web:Root"] = Path.Combine(RepositoryRoot, "web", "dist"),
            // Exports are built by the jobs role's poll: at once rather than within 5 s.
            ["Compliance:Exports:PollInterval"] = "00:00:01",
        };
        AddSettings(settings);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhonePlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PhonePlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
