using System.Net;
using System.Net.Http.Json;
using System.Text;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    private async Task<long> NumbersStoredAsync() => await factory.Database.CountAsync("SELECT count(*) FROM \"PhoneNumbers\"");

    private async Task AssertRefusedAsync(Actor owner, HttpContent content, HttpStatusCode status, string type)
    {
        var before = await NumbersStoredAsync();
        var response = await owner.Client.PostAsync("/v1/numbers", content);
        Assert.Equal(status, response.StatusCode);
        Assert.EndsWith(type, await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await NumbersStoredAsync());
    }

    [Fact]
    public async Task MalformedJson_Returns400ProblemAndStoresNothing()
    {
        var owner = await api.CreateWorkspaceAsync();
        await AssertRefusedAsync(owner, new StringContent("{\"e164\": \"+14155550100\"", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task UnknownField_Returns400ProblemAndStoresNothing()
    {
        var owner = await api.CreateWorkspaceAsync();
        await AssertRefusedAsync(
            owner, new StringContent("{\"e164\": \"+14155550100\", \"owner\": \"x\"}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task MissingRequiredField_Returns400Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        await AssertRefusedAsync(owner, new StringContent("{\"label\": \"x\"}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task NullForNonNullableField_Returns400Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        await AssertRefusedAsync(owner, new StringContent("{\"e164\": null}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task WrongContentType_Returns415Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        await AssertRefusedAsync(owner, new StringContent("e164=+14155550100", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task OversizedBody_Returns413Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        var huge = "{\"e164\": \"+14155550100\", \"label\": \"" + new string('a', 70_000) + "\"}";
        await AssertRefusedAsync(owner, new StringContent(huge, Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+1415555010")]
    [InlineData("+999123456789")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+14155550100000000")]
    [InlineData("+1415555O100")]
    [InlineData("")]
    public async Task InvalidE164_Returns400ValidationProblem(string e164)
    {
        var owner = await api.CreateWorkspaceAsync();
        var before = await NumbersStoredAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest(e164), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiDriver.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("e164", out _));
        Assert.Equal(before, await NumbersStoredAsync());
    }

    [Fact]
    public async Task UnknownEnumValue_Returns400Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.PostAsync(
            "/v1/members", new StringContent("{\"email\": \"a@example.com\", \"role\": \"superuser\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiDriver.ProblemAsync(response);
    }

    [Fact]
    public async Task InvalidRouteId_Returns404Problem()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.GetAsync("/v1/numbers/not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiDriver.ProblemAsync(response);
    }
}
