using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Gateway;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Trunks;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Api.IntegrationTests.Trunks;

/// <summary>
/// /v1/trunks through the real host (API and gateway roles, system clock so OPTIONS keep-alives run): validation,
/// encrypted credentials that never come back, audit entries, and the gateway routing over a change without a restart.
/// </summary>
public sealed class TrunkHostFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new() { UseSystemClock = true };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
}

public sealed class TrunkApiTests(TrunkHostFixture fixture) : IClassFixture<TrunkHostFixture>
{
    private readonly ApiFactory factory = fixture.Factory;

    [Fact]
    public async Task Create_BadInput_ProblemNamesEveryField()
    {
        var owner = await new ApiDriver(factory).CreateWorkspaceAsync();
        var bad = new TrunkRequest(" ", "sip://carrier.example:5060", Port: 70000, AuthUsername: "only-user",
            AllowedSources: ["0.0.0.0/0"], CountryCode: "+1", Prefixes: ["1555"], Priority: -1, CostPerMinute: -0.5m);

        var response = await owner.Client.PostAsJsonAsync("/v1/trunks", bad, ApiDriver.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiDriver.ProblemAsync(response);
        Assert.EndsWith(":validation", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["allowedSources", "authUsername", "costPerMinute", "countryCode", "host", "name", "port", "prefixes", "priority"], fields);

        var unknownTransport = await owner.Client.PostAsync("/v1/trunks",
            new StringContent("""{"name":"x","host":"192.0.2.1","transport":"carrier-pigeon"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownTransport.StatusCode);
        await ApiDriver.ProblemAsync(unknownTransport);
        Assert.Empty((await owner.Client.GetFromJsonAsync<List<TrunkResponse>>("/v1/trunks", ApiDriver.Json))!);
    }

    [Fact]
    public async Task Crud_CredentialsEncryptedAndNeverReturned_EachChangeAudited()
    {
        var owner = await new ApiDriver(factory).CreateWorkspaceAsync();
        const string password = "carrier-secret-8d1f";
        var created = await CreateAsync(owner, new TrunkRequest("Carrier A", "sip.carrier.example", 5080, TrunkTransport.Tcp, "acme", password,
            ["203.0.113.0/24"], TrunkNumberFormat.National, "49", ["+49", "+43"], 2, 0.012m));

        Assert.True(created.HasCredentials);
        Assert.Equal((TrunkTransport.Tcp, 5080, TrunkNumberFormat.National), (created.Transport, created.Port, created.NumberFormat));
        var listed = await owner.Client.GetStringAsync("/v1/trunks");
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await owner.Client.GetStringAsync($"/v1/trunks/{created.Id}"), StringComparison.Ordinal);
        Assert.False(await ColumnContainsAsync(created.Id, password));

        // A replace without credentials keeps them; empty strings remove them.
        var kept = await ReplaceAsync(owner, created.Id, new TrunkRequest("Carrier A", "sip.carrier.example", Priority: 5));
        Assert.True(kept.HasCredentials);
        Assert.Equal(5, kept.Priority);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.PostAsJsonAsync("/v1/trunks", new TrunkRequest("Carrier A", "192.0.2.9"), ApiDriver.Json)).StatusCode);
        var cleared = await ReplaceAsync(owner, created.Id, new TrunkRequest("Carrier A", "sip.carrier.example", AuthUsername: "", AuthPassword: ""));
        Assert.False(cleared.HasCredentials);

        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/trunks/{created.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/trunks/{created.Id}")).StatusCode);

        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?limit=50");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Where(a => a!.StartsWith("trunk.", StringComparison.Ordinal));
        Assert.Equal(["trunk.deleted", "trunk.changed", "trunk.changed", "trunk.created"], actions);
    }

    [Fact]
    public async Task Create_GatewayRoutesOverItWithoutRestart_AndShowsItReachableByOptions()
    {
        var owner = await new ApiDriver(factory).CreateWorkspaceAsync();
        var other = await new ApiDriver(factory).CreateWorkspaceAsync("Other");
        var router = factory.Services.GetRequiredService<TrunkRouter>();
        var directory = factory.Services.GetRequiredService<SipTrunkDirectory>();
        // The gateway's own SIP port answers OPTIONS with 200: a carrier that is certainly up.
        var gatewayPort = ((IPEndPoint)factory.Services.GetRequiredService<TrunkSipTransports>().Transports[0].LocalEndPoint).Port;

        var created = await CreateAsync(owner, new TrunkRequest("Loopback", "127.0.0.1", gatewayPort, AllowedSources: ["127.0.0.2/32"], Prefixes: ["+1555"]));

        await WaitForAsync(() => router.Candidates(owner.WorkspaceId, "+15551234567").Any(t => t.Name == "Loopback"));
        Assert.DoesNotContain(router.Candidates(other.WorkspaceId, "+15551234567"), t => t.Name == "Loopback");
        Assert.DoesNotContain(router.Candidates(owner.WorkspaceId, "+4930123456"), t => t.Name == "Loopback");
        Assert.Equal(owner.WorkspaceId, router.OwnerOf(directory.FindBySource(IPAddress.Parse("127.0.0.2"))!));

        TrunkStateResponse? state = null;
        await WaitForAsync(async () =>
        {
            state = (await owner.Client.GetFromJsonAsync<TrunkResponse>($"/v1/trunks/{created.Id}", ApiDriver.Json))!.State;
            return state?.Reachability == TrunkReachability.Up;
        });
        Assert.Equal(200, state!.OptionsStatusCode);
        Assert.True(state.Healthy);
        Assert.Equal(0, state.RecentAttempts);

        // Disabled: gone from routing and from the allow-list at once.
        await ReplaceAsync(owner, created.Id, new TrunkRequest("Loopback", "127.0.0.1", gatewayPort, AllowedSources: ["127.0.0.2/32"], Enabled: false));
        await WaitForAsync(() => directory.FindBySource(IPAddress.Parse("127.0.0.2")) is null);
        Assert.DoesNotContain(router.Candidates(owner.WorkspaceId, "+15551234567"), t => t.Name == "Loopback");
    }

    private static async Task<TrunkResponse> CreateAsync(Actor owner, TrunkRequest request)
    {
        var response = await owner.Client.PostAsJsonAsync("/v1/trunks", request, ApiDriver.Json);
        await ApiDriver.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TrunkResponse>(ApiDriver.Json))!;
    }

    private static async Task<TrunkResponse> ReplaceAsync(Actor owner, Guid id, TrunkRequest request)
    {
        var response = await owner.Client.PutAsJsonAsync($"/v1/trunks/{id}", request, ApiDriver.Json);
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TrunkResponse>(ApiDriver.Json))!;
    }

    private async Task<bool> ColumnContainsAsync(Guid trunkId, string plaintext)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "AuthUsername", "AuthPassword" FROM "CarrierTrunks" WHERE "Id" = @id""";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("id", trunkId);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var stored = Encoding.UTF8.GetString((byte[])reader[0]) + Encoding.UTF8.GetString((byte[])reader[1]);
        return stored.Contains(plaintext, StringComparison.Ordinal) || stored.Contains("acme", StringComparison.Ordinal);
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The gateway did not pick the change up in time.");
            await Task.Delay(50);
        }
    }
}
