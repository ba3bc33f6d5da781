using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Core.Observability;

namespace PhonePlatform.Api.Operations;

/// <summary>One component on the public status page.</summary>
public sealed record ComponentStatus(string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<StatusLevel>))] StatusLevel Status);

/// <summary>The public status summary: the worst component decides the overall status.</summary>
public sealed record StatusSummary(
    [property: JsonConverter(typeof(JsonStringEnumConverter<StatusLevel>))] StatusLevel Status,
    DateTimeOffset CheckedAt,
    IReadOnlyList<ComponentStatus> Components);

/// <summary>Public status words; <see cref="Unknown"/> for a part that runs elsewhere and has not reported here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatusLevel>))]
public enum StatusLevel
{
    [JsonStringEnumMemberName("up")]
    Up,

    [JsonStringEnumMemberName("degraded")]
    Degraded,

    [JsonStringEnumMemberName("down")]
    Down,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>
/// Summarises component health for <c>GET /status</c> from the readiness checks (database, key provider, blob store)
/// and the parts' own reports (SMS carrier, gateway), without any description or error: only up/degraded/down.
/// Cached for <see cref="CacheFor"/> so the public endpoint cannot be used to hammer the database or the KMS.
/// </summary>
public sealed class PlatformStatus(HealthCheckService health, ComponentReports reports, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly string[] Checked = ["database", "key-provider", "blob-store"];
    private static readonly string[] Reported = [ComponentReports.SmsCarrier, ComponentReports.Gateway];
    private readonly SemaphoreSlim gate = new(1, 1);
    private StatusSummary? cached;

    public void Dispose() => gate.Dispose();

    public async Task<StatusSummary> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } hit && time.GetUtcNow() - hit.CheckedAt < CacheFor)
            {
                return hit;
            }

            var report = await health.CheckHealthAsync(c => Checked.Contains(c.Name), cancellationToken);
            var components = Checked
                .Select(name => new ComponentStatus(name, report.Entries.TryGetValue(name, out var entry) ? FromHealth(entry.Status) : StatusLevel.Unknown))
                .Concat(Reported.Select(name => new ComponentStatus(name, FromReport(reports.Current(name)))))
                .ToList();
            var known = components.Where(c => c.Status != StatusLevel.Unknown).Select(c => c.Status).DefaultIfEmpty(StatusLevel.Up);
            cached = new StatusSummary(known.Max(), time.GetUtcNow(), components);
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    private static StatusLevel FromHealth(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => StatusLevel.Up,
        HealthStatus.Degraded => StatusLevel.Degraded,
        _ => StatusLevel.Down,
    };

    private static StatusLevel FromReport(ComponentState? state) => state switch
    {
        ComponentState.Up => StatusLevel.Up,
        ComponentState.Degraded => StatusLevel.Degraded,
        ComponentState.Down => StatusLevel.Down,
        _ => StatusLevel.Unknown,
    };
}
