using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class IdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: ApiDriver.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Replay_SameKeyAndBody_ReturnsFirstResponseAndStoresOnce()
    {
        var owner = await api.CreateWorkspaceAsync();
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key);
        var second = await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await owner.Client.GetFromJsonAsync<Page<NumberResponse>>("/v1/numbers", ApiDriver.Json))!.Items);
    }

    [Fact]
    public async Task SameKey_DifferentBody_Returns422()
    {
        var owner = await api.CreateWorkspaceAsync();
        var key = Guid.NewGuid().ToString();
        await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key);
        var other = await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550101"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.EndsWith("idempotency-key-reused", await ApiDriver.ProblemTypeAsync(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AfterRetention_RunsAgain()
    {
        var owner = await api.CreateWorkspaceAsync();
        var key = Guid.NewGuid().ToString();
        await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key);
        factory.Time.Advance(TimeSpan.FromHours(25));
        owner = await api.LoginAsync(owner.Email, owner.Password);
        var again = await PostAsync(owner.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // executed anew: the number exists now
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKey_DifferentCallers_DoNotCollide()
    {
        var a = await api.CreateWorkspaceAsync();
        var b = await api.CreateWorkspaceAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(a.Client, "/v1/numbers", new AddNumberRequest("+14155550100"), key)).StatusCode);
        var other = await PostAsync(b.Client, "/v1/numbers", new AddNumberRequest("+14155550101"), key);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SecretResponse_IsNotStoredOrReplayed()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(owner.Client, "/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:read"]), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var token = (await first.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ApiDriver.Json))!.Token;
        var retry = await PostAsync(owner.Client, "/v1/api-keys", new CreateApiKeyRequest("k", ["numbers:read"]), key);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.DoesNotContain(token, await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.Database.CountAsync("SELECT count(*) FROM \"IdempotencyRecords\" WHERE \"Body\" IS NOT NULL AND \"Key\" = '" + key + "'"));
        Assert.Single((await owner.Client.GetFromJsonAsync<Page<ApiKeyResponse>>("/v1/api-keys", ApiDriver.Json))!.Items);
    }

    [Fact]
    public async Task AnonymousSignUp_Replayed_CreatesOneWorkspace()
    {
        var key = Guid.NewGuid().ToString();
        var request = new SignUpRequest(ApiDriver.NewEmail(), ApiDriver.Password, "Once");
        var first = await PostAsync(api.Anonymous(), "/v1/signup", request, key);
        var second = await PostAsync(api.Anonymous(), "/v1/signup", request, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await factory.Database.CountAsync($"SELECT count(*) FROM \"Users\" WHERE \"Email\" = '{request.Email}'"));
    }
}
