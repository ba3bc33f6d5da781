using System.Text.RegularExpressions;

namespace PhonePlatform.Api.IntegrationTests.Operations;

/// <summary>Reads metric names from a Prometheus text scrape of <c>/metrics</c>.</summary>
internal static partial class ExportedMetrics
{
    /// <summary>The Prometheus names of <see cref="PhonePlatform.Core.Observability.PlatformMetrics"/>' instruments.</summary>
    public static readonly string[] PlatformMetricNames =
    [
        "phoneplatform_calls_in_progress",
        "phoneplatform_calls_setup_failures_total",
        "phoneplatform_sms_queue_depth",
        "phoneplatform_sms_queue_oldest_age_seconds",
        "phoneplatform_webhooks_delivery_failures_total",
        "phoneplatform_key_provider_duration_seconds_bucket",
        "phoneplatform_backup_restore_tests_total",
        "phoneplatform_backup_restore_test_success",
        "phoneplatform_backup_restore_test_last_run_timestamp_seconds",
        "phoneplatform_media_packets_dropped_total",
    ];

    public static async Task<HashSet<string>> ScrapeAsync(HttpClient client)
    {
        // The exporter caches a scrape briefly; read until the platform's instruments appear (bounded).
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            var text = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            names = Sample().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("phoneplatform_calls_in_progress"))
            {
                break;
            }

            await Task.Delay(100);
        }

        return names;
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
