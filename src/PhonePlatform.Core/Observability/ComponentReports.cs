using System.Collections.Concurrent;

namespace PhonePlatform.Core.Observability;

/// <summary>How a component is doing, as the public status page says it.</summary>
public enum ComponentState
{
    Up,
    Degraded,
    Down,
}

/// <summary>
/// Where parts that run their own connections report their state for the public status summary: the SMS worker
/// (<see cref="SmsCarrier"/>: carrier sessions bound or not) and the media gateway (<see cref="Gateway"/>: trunks
/// reachable or not). A report older than <see cref="Staleness"/> no longer counts, so a part that stopped is not
/// shown as up.
/// </summary>
public sealed class ComponentReports(TimeProvider time)
{
    public const string SmsCarrier = "sms-carrier";
    public const string Gateway = "gateway";
    public static readonly TimeSpan Staleness = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (ComponentState State, DateTimeOffset At)> reports = new(StringComparer.Ordinal);

    public void Report(string component, ComponentState state)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        reports[component] = (state, time.GetUtcNow());
    }

    /// <summary>The latest fresh report, or null when the component has not reported recently.</summary>
    public ComponentState? Current(string component) =>
        reports.TryGetValue(component, out var report) && time.GetUtcNow() - report.At <= Staleness ? report.State : null;
}
