using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>A host whose per-IP limit on credential endpoints is three attempts a minute.</summary>
public sealed class TightRateLimitFactory : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.Settings["Auth:AttemptsPerMinutePerIp"] = "3";
        return Factory.InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
}

public sealed class RateLimitTests(TightRateLimitFactory fixture) : IClassFixture<TightRateLimitFactory>
{
    [Fact]
    public async Task Login_BeyondPerIpLimit_Returns429ProblemWithRetryAfter()
    {
        var client = new ApiDriver(fixture.Factory).Anonymous();
        var request = new LoginRequest(ApiDriver.NewEmail(), "Wrong-Horse-7-Battery");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/sessions", request, ApiDriver.Json)).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/v1/sessions", request, ApiDriver.Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.EndsWith("rate-limited", await ApiDriver.ProblemTypeAsync(limited), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);
    }
}
