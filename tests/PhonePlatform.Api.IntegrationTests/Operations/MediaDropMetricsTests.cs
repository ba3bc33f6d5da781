using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Api.IntegrationTests.Operations;

/// <summary>
/// The media plane's drop counters reach /metrics (own host: the exporter caches a scrape briefly, and an early scrape
/// here would hide the instruments another test sets just before its own scrape).
/// </summary>
public sealed class MediaDropMetricsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Metrics_DroppedMediaPackets_AreExportedByReason()
    {
        var client = factory.CreateHttpsClient();
        var before = await DroppedAsync(client, "replay");
        MediaDrops.Count(MediaDropReason.Replay);
        MediaDrops.Count(MediaDropReason.Replay);

        // The exporter caches a scrape briefly: read until the new count shows (bounded, generous for a loaded CI).
        var after = before;
        for (var attempt = 0; attempt < 100 && after < before + 2; attempt++)
        {
            await Task.Delay(100);
            after = await DroppedAsync(client, "replay");
        }

        Assert.True(after >= before + 2, $"replay drops went from {before} to {after}");
    }

    private static async Task<double> DroppedAsync(HttpClient client, string reason)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l =>
            l.StartsWith("phoneplatform_media_packets_dropped_total{", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal));
        Assert.NotNull(line);
        // "name{labels} value [timestamp]"
        return double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
