using System.Globalization;

namespace PhonePlatform.MediaLoad;

/// <summary>What one step measured, as a row of the table in docs/benchmarks.md.</summary>
internal sealed record LoadStepResult(
    int Calls,
    TimeSpan Wall,
    (long ToRelayFromBrowser, long ToRelayFromTrunk, TimeSpan MaxLateness) Sent,
    RelayStats Relay,
    long ReceivedByGenerator,
    LatencyHistogram Latency,
    double RelayCpuFraction)
{
    /// <summary>Packets the generator sent to the relay that the relay did not forward (socket drops or relay drops).</summary>
    public long RelayLoss => (Sent.ToRelayFromBrowser - Relay.SentToTrunk) + (Sent.ToRelayFromTrunk - Relay.SentToBrowser);

    /// <summary>Packets the relay forwarded that the generator did not receive (the generator's own receive side).</summary>
    public long GeneratorLoss => Relay.SentToTrunk + Relay.SentToBrowser - ReceivedByGenerator;

    public string ToMarkdownRow()
    {
        var sent = Sent.ToRelayFromBrowser + Sent.ToRelayFromTrunk;
        var pps = (Relay.SentToTrunk + Relay.SentToBrowser) / Wall.TotalSeconds;
        var cpu = RelayCpuFraction * 100;
        var perCore = RelayCpuFraction > 0 ? Calls / RelayCpuFraction : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Calls} | {pps:F0} | {RelayLoss} of {sent} ({100.0 * RelayLoss / sent:F3} %) | {GeneratorLoss} | " +
            $"{Latency.Percentile(0.50)} µs | {Latency.Percentile(0.99)} µs | {Latency.Percentile(1.0)} µs | {cpu:F1} % | {perCore:F0} |" +
            $" <!-- sender max lateness {Sent.MaxLateness.TotalMilliseconds:F1} ms, relay SRTP drops {Relay.LegDropped}, path drops {Relay.RelayDropped} -->");
    }
}
