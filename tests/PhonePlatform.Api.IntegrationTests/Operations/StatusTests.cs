using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Observability;

namespace PhonePlatform.Api.IntegrationTests.Operations;

public sealed class StatusTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Status_Anonymous_SummarisesComponentsWithoutInternals()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/status");

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        var components = body.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("up", components["database"]);
        Assert.Equal("up", components["key-provider"]);
        Assert.Equal("up", components["blob-store"]);
        Assert.Contains("sms-carrier", components.Keys);
        Assert.Contains("gateway", components.Keys);
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "up", "degraded", "down" });
        Assert.All(body.GetProperty("components").EnumerateArray(), c => Assert.Equal(2, c.EnumerateObject().Count()));
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("description", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=5", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ComponentReportsDown_ShownAfterTheCacheExpires()
    {
        var client = factory.CreateHttpsClient();
        var reports = factory.Services.GetRequiredService<ComponentReports>();
        reports.Report(ComponentReports.SmsCarrier, ComponentState.Up);
        factory.Time.Advance(TimeSpan.FromSeconds(6));
        await client.GetAsync("/status");

        reports.Report(ComponentReports.SmsCarrier, ComponentState.Down);
        var cached = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement;
        factory.Time.Advance(TimeSpan.FromSeconds(6));
        var fresh = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement;

        Assert.Equal("up", StatusOf(cached, "sms-carrier"));
        Assert.Equal("down", StatusOf(fresh, "sms-carrier"));
        Assert.Equal("down", fresh.GetProperty("status").GetString());

        factory.Time.Advance(ComponentReports.Staleness + TimeSpan.FromSeconds(6));
        var stale = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement;
        Assert.Equal("unknown", StatusOf(stale, "sms-carrier"));
    }

    private static string? StatusOf(JsonElement body, string component) =>
        body.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == component).GetProperty("status").GetString();
}
