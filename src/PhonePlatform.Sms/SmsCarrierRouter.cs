using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>A carrier under its configured name.</summary>
public sealed record NamedCarrier(string Name, ISmsCarrier Carrier);

/// <summary>Which carrier took a submission (null when none could) and its result.</summary>
public sealed record RoutedSubmitResult(string? Carrier, SubmitResult Result);

/// <summary>
/// Picks the carrier of a sending number (its override in <see cref="SmsOptions.NumberCarriers"/>, else the default
/// carrier) and fails over to the other carriers, in name order, when it is down: not bound, or the link was lost
/// before the submission went out (<see cref="SubmitFailure.NotBound"/>). A submission whose outcome is unknown
/// (connection lost after sending) is not moved to another carrier at once: the outbox retries it, and the retry
/// goes to whichever carrier is up then, under the same client reference.
/// </summary>
public sealed class SmsCarrierRouter
{
    private static readonly SubmitResult NoCarrier = new([], SubmitError.NotBound);

    private readonly IReadOnlyList<NamedCarrier> carriers;
    private readonly Dictionary<string, int> byName;
    private readonly Dictionary<string, string> numberCarriers;
    private readonly int defaultIndex;

    public SmsCarrierRouter(IEnumerable<NamedCarrier> carriers, string? defaultCarrier = null, IReadOnlyDictionary<string, string>? numberCarriers = null)
    {
        ArgumentNullException.ThrowIfNull(carriers);
        this.carriers = [.. carriers.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        byName = this.carriers.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.OrdinalIgnoreCase);
        defaultIndex = defaultCarrier is null ? 0 : IndexOf(defaultCarrier);
        this.numberCarriers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, carrier) in numberCarriers ?? new Dictionary<string, string>())
        {
            IndexOf(carrier);
            this.numberCarriers["+" + number.TrimStart('+')] = carrier;
        }
    }

    public IReadOnlyList<NamedCarrier> Carriers => carriers;

    /// <summary>The carriers to try for <paramref name="fromE164"/>, the chosen one first.</summary>
    public IEnumerable<NamedCarrier> CandidatesFor(string fromE164)
    {
        var first = numberCarriers.TryGetValue(fromE164, out var name) ? byName[name] : defaultIndex;
        yield return carriers[first];
        for (var i = 0; i < carriers.Count; i++)
        {
            if (i != first)
            {
                yield return carriers[i];
            }
        }
    }

    public async Task<RoutedSubmitResult> SubmitAsync(string fromE164, SmsSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fromE164);
        if (carriers.Count == 0)
        {
            return new RoutedSubmitResult(null, NoCarrier);
        }

        var last = new RoutedSubmitResult(null, NoCarrier);
        foreach (var candidate in CandidatesFor(fromE164))
        {
            if (!candidate.Carrier.IsAvailable)
            {
                continue;
            }

            var result = await candidate.Carrier.SubmitAsync(submission, cancellationToken);
            last = new RoutedSubmitResult(candidate.Name, result);
            if (result.Error is not { Kind: SubmitFailure.NotBound })
            {
                return last;
            }
        }

        return last;
    }

    private int IndexOf(string name) => byName.TryGetValue(name, out var index)
        ? index
        : throw new ArgumentException($"Unknown SMS carrier '{name}'; configured: {string.Join(", ", byName.Keys)}.", nameof(name));
}
