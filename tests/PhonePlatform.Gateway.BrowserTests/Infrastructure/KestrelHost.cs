using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Hosting;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Data;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The real host, built from its own wiring (<see cref="ApiServices"/>, <see cref="ApiPipeline"/>), served by Kestrel
/// over HTTPS (self-signed) on a free loopback port, so a browser can open <c>wss://127.0.0.1:port/sip</c>; with its
/// own PostgreSQL database.
/// </summary>
public sealed class KestrelHost : IAsyncLifetime
{
    public const string Password = "Correct-Horse-7-Battery";

    private readonly string directory = Directory.CreateTempSubdirectory("pp-gw-browser-host-").FullName;
    private TestDatabase? database;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Another host's database, for a second node of one cluster; a database of its own when null.</summary>
    public string? SharedDatabase { get; set; }

    /// <summary>The local key provider's master key file (a second node of one cluster must use the same).</summary>
    public string KeyFile => Path.Combine(directory, "keys", "master.key");

    /// <summary>The host's PostgreSQL database (for a second node to share).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Registrations a fixture adds after the host's own (they win over them).</summary>
    public Action<IServiceCollection>? ExtraServices { get; set; }

    /// <summary>Configuration a fixture adds before the host starts (gateway trunks, media ports, ring timeout).</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        // The gateway's SIP toward trunks: a free loopback port, never a shared 5060.
        ["Gateway:SipAddress"] = "127.0.0.1",
        ["Gateway:SipPort"] = "0",
        ["Gateway:EnableTcp"] = "false",
    };

    public async Task InitializeAsync()
    {
        if (SharedDatabase is null)
        {
            database = await TestDatabase.CreateAsync();
        }

        ConnectionString = SharedDatabase ?? database!.ConnectionString;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Tls:SelfSignedCertificatePath"] = Path.Combine(directory, "localhost.pfx"),
            ["PasswordHashing:MemoryKiB"] = "1024",
            ["PasswordHashing:Iterations"] = "1",
            ["Auth:AttemptsPerMinutePerIp"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Storage:KeyFile"] = KeyFile,
            ["Storage:BlobFolder"] = Path.Combine(directory, "blobs"),
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.AddPhonePlatformApi();
        ExtraServices?.Invoke(builder.Services);
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        App = builder.Build();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        }

        App.UsePhonePlatformApi();
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>An HTTP client to the host that trusts its self-signed certificate.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
#pragma warning disable CA5400 // Test-only: the host's certificate is self-signed.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
#pragma warning restore CA5400
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Signs up a new workspace owner and logs in; returns the session token.</summary>
    public async Task<string> SignUpAndLoginAsync()
    {
        using var client = CreateClient();
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var signUp = await client.PostAsJsonAsync("/v1/signup", new SignUpRequest(email, Password, "Browser calls"));
        signUp.EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/v1/sessions", new LoginRequest(email, Password));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token;
    }

    /// <summary>Logs in and asks the API for SIP credentials, as the softphone web app does.</summary>
    public async Task<SipCredentialsResponse> IssueSipCredentialsAsync() => await IssueSipCredentialsAsync(await SignUpAndLoginAsync());

    /// <summary>SIP credentials for the user of the session <paramref name="token"/>.</summary>
    public async Task<SipCredentialsResponse> IssueSipCredentialsAsync(string token)
    {
        using var client = CreateClient(token);
        var response = await client.PostAsync("/v1/sip/credentials", content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SipCredentialsResponse>())!;
    }
}
