using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Backups;
using PhonePlatform.Core.Observability;

namespace PhonePlatform.Api.IntegrationTests.Operations;

public sealed class ReadinessAndMetricsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Readyz_FailedRestoreTest_DegradedWithoutInternals()
    {
        var client = factory.CreateHttpsClient();
        var before = JsonDocument.Parse(await client.GetStringAsync("/readyz")).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", before.GetProperty("blob-store").GetProperty("status").GetString());
        Assert.Equal("Healthy", before.GetProperty("backup-restore").GetProperty("status").GetString());

        factory.Services.GetRequiredService<RestoreTestStatus>().Record(new RestoreTestResult(
            false, "20261123T090000Z", factory.Time.GetUtcNow(), factory.Time.GetUtcNow(), [new RestoreCheck("row-counts", false, "row counts differ in: Contacts")]));
        var response = await client.GetAsync("/readyz");

        await ApiDriver.Expect(response, HttpStatusCode.OK); // degraded still serves
        var text = await response.Content.ReadAsStringAsync();
        var check = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("backup-restore");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.StartsWith("Last restore test failed at", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Contacts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("20261123T090000Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_EveryPlatformInstrument_IsExportedUnderItsPrometheusName()
    {
        var client = factory.CreateHttpsClient();
        await client.GetAsync("/readyz"); // the key provider canary goes through the measured provider
        var metrics = factory.Services.GetRequiredService<PlatformMetrics>();
        using (metrics.CallStarted())
        {
            metrics.CallSetupFailed("no-route");
            metrics.SmsQueueObserved(3, TimeSpan.FromSeconds(42));
            metrics.WebhookDeliveryFailed("timeout");
            metrics.RestoreTestCompleted(true, factory.Time.GetUtcNow());

            var exported = await ExportedMetrics.ScrapeAsync(client);

            foreach (var name in ExportedMetrics.PlatformMetricNames)
            {
                Assert.True(exported.Contains(name), $"{name} not in: {string.Join(", ", exported.Where(e => e.StartsWith("phoneplatform", StringComparison.Ordinal)))}");
            }
        }
    }
}
