using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Core.Members;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>The real API host on its own migrated database and key file, with cheap password hashing for speed.</summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly string keyFolder = Path.Combine(Path.GetTempPath(), "pp-api-keys-" + Guid.NewGuid().ToString("N"));

    private ApiHost(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<ApiHost> StartAsync()
    {
        var host = new ApiHost(await TestDatabase.CreateAsync());
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Database.MigrateAsync();
        return host;
    }

    /// <summary>Signs up a new workspace and returns a client logged in as its Owner.</summary>
    public async Task<(HttpClient Client, Guid WorkspaceId)> SignUpAsync()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.org";
        using var anonymous = CreateClient();
        var signUp = await anonymous.PostAsJsonAsync("/v1/signup", new SignUpRequest(email, "correct horse battery staple", "Acme"));
        signUp.EnsureSuccessStatusCode();
        var workspace = (await signUp.Content.ReadFromJsonAsync<SignUpResponse>())!.WorkspaceId;
        return (await LoginAsync(email, workspace), workspace);
    }

    /// <summary>Adds a member with <paramref name="role"/> to the owner's workspace and logs them in.</summary>
    public async Task<HttpClient> AddMemberAsync(HttpClient owner, Guid workspaceId, Role role)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var email = $"{role}-{Guid.NewGuid():N}@example.org".ToLowerInvariant();
        var added = await owner.PostAsJsonAsync("/v1/members", new { email, role = role.ToString().ToLowerInvariant(), initialPassword = "another long passphrase" });
        added.EnsureSuccessStatusCode();
        return await LoginAsync(email, workspaceId, "another long passphrase");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(keyFolder))
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Postgres", Database.ConnectionString);
        builder.UseSetting("Storage:KeyFile", Path.Combine(keyFolder, "master.key"));
        builder.UseSetting("Storage:BlobFolder", Path.Combine(keyFolder, "blobs"));
        builder.UseSetting("Auth:AttemptsPerMinutePerIp", "1000");
        builder.UseSetting("PasswordHashing:MemoryKiB", "1024");
        builder.UseSetting("PasswordHashing:Iterations", "1");
        builder.UseSetting("Gateway:SipAddress", "127.0.0.1");
        builder.UseSetting("Gateway:SipPort", "0");
    }

    private async Task<HttpClient> LoginAsync(string email, Guid workspaceId, string password = "correct horse battery staple")
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/v1/sessions", new LoginRequest(email, password, WorkspaceId: workspaceId));
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>One host per test class; each test signs up its own workspace, so tests stay independent.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
