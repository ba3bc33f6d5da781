using System.Globalization;

namespace PhonePlatform.MediaLoad;

/// <summary>What one step measured, as a row of the table in docs/benchmarks.md.</summary>
internal sealed record LoadStepResult(
    string Receiver,
    int Calls,
    TimeSpan Wall,
    (long ToRelayFromBrowser, long ToRelayFromTrunk, TimeSpan MaxLateness, int SkippedSlots) Sent,
    RelayStats Relay,
    long ReceivedByGenerator,
    LatencyHistogram Latency,
    double RelayCpuFraction)
{
    /// <summary>Packets the generator sent to the relay that the relay did not forward (socket drops or relay drops).</summary>
    public long RelayLoss => (Sent.ToRelayFromBrowser - Relay.SentToTrunk) + (Sent.ToRelayFromTrunk - Relay.SentToBrowser);

    /// <summary>Packets the relay forwarded that the generator did not receive (the generator's own receive side).</summary>
    public long GeneratorLoss => Relay.SentToTrunk + Relay.SentToBrowser - ReceivedByGenerator;

    private static string Micros(long micros) =>
        micros >= 100_000 ? "≥ 100 ms" : micros.ToString(CultureInfo.InvariantCulture) + " µs";

    public string ToMarkdownRow()
    {
        var sent = Sent.ToRelayFromBrowser + Sent.ToRelayFromTrunk;
        var pps = (Relay.SentToTrunk + Relay.SentToBrowser) / Wall.TotalSeconds;
        var cpu = RelayCpuFraction * 100;
        // Calls per core at the rate actually achieved: relayed packets per relay CPU-second, 100 packets/s per call.
        var perCore = RelayCpuFraction > 0 ? pps / RelayCpuFraction / 100 : 0;
        var cpuPerPacket = pps > 0 ? RelayCpuFraction / pps * 1e6 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Receiver} | {Calls} | {pps:F0} | {RelayLoss} of {sent} ({100.0 * RelayLoss / sent:F3} %) | {GeneratorLoss} | " +
            $"{Micros(Latency.Percentile(0.50))} | {Micros(Latency.Percentile(0.99))} | {Micros(Latency.Percentile(1.0))} | {cpu:F1} % | {cpuPerPacket:F2} µs | {perCore:F0} | {Relay.LegDropped + Relay.RelayDropped} |" +
            $" {Sent.SkippedSlots} |");
    }
}
