using System.Diagnostics.Metrics;

namespace PhonePlatform.Core.Observability;

/// <summary>
/// The platform's own metrics (meter <see cref="MeterName"/>), exported by the host through OpenTelemetry and
/// scraped at <c>/metrics</c> (Prometheus names: dots become underscores, units become suffixes, e.g.
/// <c>phoneplatform_calls_in_progress</c>). Parts record through this one singleton; gauges read the latest value
/// each part reports, so a part that never reports exports nothing rather than a made-up zero.
/// Alert rules over these names live in <c>deploy/prometheus/alerts.yml</c>.
/// </summary>
public sealed class PlatformMetrics : IDisposable
{
    public const string MeterName = "PhonePlatform";

    private readonly Meter meter;
    private readonly Counter<long> callSetupFailures;
    private readonly Counter<long> webhookDeliveryFailures;
    private readonly Histogram<double> keyProviderLatency;
    private readonly Counter<long> restoreTests;
    private long callsInProgress;
    private (long Depth, double OldestAgeSeconds)? smsQueue;
    private (int Ok, DateTimeOffset At)? lastRestoreTest;
    private Func<IEnumerable<KeyValuePair<string, long>>>? mediaDrops;

    public PlatformMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(MeterName);
        meter.CreateObservableUpDownCounter("phoneplatform.calls.in_progress", () => Interlocked.Read(ref callsInProgress), "{call}", "Calls currently set up or connected.");
        callSetupFailures = meter.CreateCounter<long>("phoneplatform.calls.setup_failures", "{call}", "Calls that failed to set up, by cause.");
        meter.CreateObservableGauge("phoneplatform.sms.queue.depth", () => Observe(smsQueue, q => q.Depth), "{message}", "Outbound SMS waiting to be submitted.");
        meter.CreateObservableGauge("phoneplatform.sms.queue.oldest_age", () => Observe(smsQueue, q => q.OldestAgeSeconds), "s", "Age of the oldest outbound SMS still waiting.");
        webhookDeliveryFailures = meter.CreateCounter<long>("phoneplatform.webhooks.delivery_failures", "{delivery}", "Webhook deliveries that failed.");
        keyProviderLatency = meter.CreateHistogram("phoneplatform.key_provider.duration", "s", "Time of key provider calls (wrap, unwrap).", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });
        restoreTests = meter.CreateCounter<long>("phoneplatform.backup.restore_tests", "{test}", "Automated backup restore tests, by result.");
        meter.CreateObservableGauge("phoneplatform.backup.restore_test.success", () => Observe(lastRestoreTest, r => r.Ok), "1", "1 when the last automated restore test passed, 0 when it failed.");
        meter.CreateObservableCounter("phoneplatform.media.packets.dropped", ObserveMediaDrops, "{packet}",
            "Media datagrams dropped by the gateway, by reason (authentication_failure, replay, malformed, no_route, unverified_source).");
        meter.CreateObservableGauge("phoneplatform.backup.restore_test.last_run_timestamp", () => Observe(lastRestoreTest, r => r.At.ToUnixTimeSeconds()), "s", "Unix time of the last automated restore test.");
    }

    /// <summary>A call started setting up; dispose the returned token when it ends (however it ends).</summary>
    public IDisposable CallStarted()
    {
        Interlocked.Increment(ref callsInProgress);
        return new CallToken(this);
    }

    /// <summary>A call failed to set up. <paramref name="cause"/> is a short fixed word (e.g. <c>no-route</c>, <c>trunk-error</c>, <c>ice-failed</c>, <c>no-answer</c>).</summary>
    public void CallSetupFailed(string cause) =>
        callSetupFailures.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Latest SMS outbox state, reported by whoever claims from it.</summary>
    public void SmsQueueObserved(long depth, TimeSpan oldestAge) => smsQueue = (depth, Math.Max(0, oldestAge.TotalSeconds));

    public void WebhookDeliveryFailed(string reason) =>
        webhookDeliveryFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One key provider call took <paramref name="elapsed"/>; <paramref name="operation"/> is <c>wrap</c> or <c>unwrap</c>.</summary>
    public void KeyProviderCall(string provider, string operation, TimeSpan elapsed, bool succeeded) =>
        keyProviderLatency.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void RestoreTestCompleted(bool passed, DateTimeOffset at)
    {
        lastRestoreTest = (passed ? 1 : 0, at);
        restoreTests.Add(1, new KeyValuePair<string, object?>("result", passed ? "passed" : "failed"));
    }

    /// <summary>The media plane's drop counters (label, count since start), read at each collection; set by the gateway role.</summary>
    public void ObserveMediaDrops(Func<IEnumerable<KeyValuePair<string, long>>> read) => mediaDrops = read;

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveMediaDrops() =>
        mediaDrops is { } read
            ? read().Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("reason", d.Key)))
            : [];

    private static IEnumerable<Measurement<T>> Observe<TState, T>(TState? state, Func<TState, T> value)
        where TState : struct
        where T : struct =>
        state is { } s ? [new Measurement<T>(value(s))] : [];

    private void CallEnded() => Interlocked.Decrement(ref callsInProgress);

    private sealed class CallToken(PlatformMetrics metrics) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                metrics.CallEnded();
            }
        }
    }
}
