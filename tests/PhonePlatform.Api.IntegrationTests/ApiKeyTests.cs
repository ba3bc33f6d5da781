using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    private async Task<(Actor Owner, CreatedApiKeyResponse Key)> CreateKeyAsync(params string[] permissions)
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("integration", permissions), ApiDriver.Json);
        await ApiDriver.Expect(response, HttpStatusCode.Created);
        return (owner, (await response.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ApiDriver.Json))!);
    }

    private HttpClient KeyClient(string token)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Create_ReturnsTokenOnce_AndStoresOnlyItsHash()
    {
        var (owner, key) = await CreateKeyAsync("numbers:read");
        Assert.StartsWith("pp_live_", key.Token, StringComparison.Ordinal);
        var listed = await owner.Client.GetStringAsync("/v1/api-keys");
        Assert.DoesNotContain(key.Token, listed, StringComparison.Ordinal);
        var plaintext = await factory.Database.CountAsync(
            $"SELECT count(*) FROM \"ApiKeys\" WHERE \"SecretHash\" = '{key.Token}' OR \"Prefix\" = '{key.Token}'");
        Assert.Equal(0, plaintext);
    }

    [Fact]
    public async Task Key_HasExactlyItsScopedPermissions()
    {
        var (_, key) = await CreateKeyAsync("numbers:read");
        var client = KeyClient(key.Token);
        await ApiDriver.Expect(await client.GetAsync("/v1/numbers"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest("+14155550100"), ApiDriver.Json)).StatusCode);
    }

    [Fact]
    public async Task Key_CannotPerformStepUpOperations()
    {
        var (_, key) = await CreateKeyAsync("api-keys:manage", "billing:manage");
        var client = KeyClient(key.Token);
        var create = await client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("child", ["numbers:read"]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.EndsWith("step-up-required", await ApiDriver.ProblemTypeAsync(create), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutStepUp_Returns403()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:read"]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Create_PermissionsBeyondCreator_Returns403()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        await api.EnableTwoFactorAsync(admin);
        await api.StepUpAsync(admin);
        var response = await admin.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("k", ["billing:manage"]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Create_UnknownPermission_Returns400()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:steal"]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_StopsTheKeyImmediately()
    {
        var (owner, key) = await CreateKeyAsync("numbers:read");
        var client = KeyClient(key.Token);
        await ApiDriver.Expect(await client.GetAsync("/v1/numbers"), HttpStatusCode.OK);
        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/api-keys/{key.Key.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/numbers")).StatusCode);
    }

    [Fact]
    public async Task Key_WithTamperedSecret_IsRefused()
    {
        var (_, key) = await CreateKeyAsync("numbers:read");
        var tampered = key.Token[..^1] + (key.Token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.Unauthorized, (await KeyClient(tampered).GetAsync("/v1/numbers")).StatusCode);
    }

    [Fact]
    public async Task Key_CreatorDemotedOrRemoved_LosesPermissions()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        await api.EnableTwoFactorAsync(admin);
        await api.StepUpAsync(admin);
        var created = await admin.Client.PostAsJsonAsync("/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:read", "members:manage"]), ApiDriver.Json);
        await ApiDriver.Expect(created, HttpStatusCode.Created);
        var client = KeyClient((await created.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ApiDriver.Json))!.Token);
        var probe = new AddMemberRequest("not-an-address", Role.Viewer);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/v1/members", probe, ApiDriver.Json)).StatusCode);

        await ApiDriver.Expect(
            await owner.Client.PatchAsJsonAsync($"/v1/members/{admin.MembershipId}", new ChangeMemberRequest(Role.Member), ApiDriver.Json), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/v1/members", probe, ApiDriver.Json)).StatusCode);
        await ApiDriver.Expect(await client.GetAsync("/v1/numbers"), HttpStatusCode.OK);

        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/members/{admin.MembershipId}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/numbers")).StatusCode);
    }
}
