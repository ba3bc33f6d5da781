using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class HostTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Healthz_Always_ReportsLive()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/healthz");
        await ApiDriver.Expect(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_DatabaseMigrated_ReportsDatabaseHealthy()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/readyz");
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesV1Endpoints()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/openapi/v1.json");
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/numbers", out _));
        Assert.True(paths.TryGetProperty("/v1/audit-log/verify", out _));
        var bearer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Https_OutsideDevelopment_SendsHsts()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://api.example.com") });
        var response = await client.GetAsync("/healthz");
        Assert.Contains("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_OutsideDevelopment_RedirectsToHttps()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://api.example.com"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://api.example.com/v1/me", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Docs_Ui_IsServed()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/docs/v1");
        await ApiDriver.Expect(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Metrics_PrometheusEndpoint_ServesAspNetCoreMetrics()
    {
        var client = factory.CreateHttpsClient();
        await client.GetAsync("/healthz");
        var response = await client.GetAsync("/metrics");
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        Assert.Contains("http_server_request_duration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDocument()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiDriver.ProblemAsync(response);
    }

    [Fact]
    public async Task V1_WithoutToken_Returns401ProblemDocument()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/v1/numbers");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ApiDriver.ProblemAsync(response);
    }

    [Fact]
    public async Task V1_WithGarbageToken_Returns401()
    {
        var client = factory.CreateHttpsClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "pp_sess_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/me")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "pp_live_AAAAAAAAAAAA_forgedsecret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Model_HasNoChangesWithoutMigration()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet run --project tools/PhonePlatform.Migrations -- add <Name>");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
