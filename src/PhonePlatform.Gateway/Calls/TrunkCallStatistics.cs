using System.Collections.Concurrent;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Recent call attempts per trunk (<see cref="SipTrunk.Id"/>), for the answer-seizure ratio (answered attempts over
/// attempts), the post-dial delay (INVITE to first ringing or early media) and a run of carrier failures. Only the
/// last <see cref="WindowSize"/> attempts within <see cref="WindowAge"/> count, so a recovered trunk recovers its figures.
/// </summary>
public sealed class TrunkCallStatistics(TimeProvider time)
{
    public const int WindowSize = 50;

    /// <summary>Consecutive carrier failures (503, 408, no answer to the INVITE) after which a trunk counts as failing.</summary>
    public const int FailuresBeforeFailing = 3;

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public static TimeSpan WindowAge { get; } = TimeSpan.FromMinutes(30);

    /// <summary>Starts counting an INVITE sent to <paramref name="trunk"/> (a seizure).</summary>
    public TrunkAttempt Begin(SipTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return new TrunkAttempt(windows.GetOrAdd(trunk.Id, _ => new Window()), time);
    }

    public TrunkCallSummary Summarize(string trunkId)
    {
        if (!windows.TryGetValue(trunkId, out var window))
        {
            return TrunkCallSummary.Empty;
        }

        var since = time.GetUtcNow() - WindowAge;
        return window.Summarize(since);
    }

    /// <summary>The last <see cref="FailuresBeforeFailing"/> recent attempts all failed at the carrier.</summary>
    public bool IsFailing(string trunkId) => Summarize(trunkId).ConsecutiveCarrierFailures >= FailuresBeforeFailing;

    internal sealed class Window
    {
        private readonly Queue<TrunkAttemptResult> results = new();
        private readonly Lock gate = new();

        public void Add(TrunkAttemptResult result)
        {
            lock (gate)
            {
                results.Enqueue(result);
                while (results.Count > WindowSize)
                {
                    results.Dequeue();
                }
            }
        }

        public TrunkCallSummary Summarize(DateTimeOffset since)
        {
            TrunkAttemptResult[] recent;
            lock (gate)
            {
                recent = [.. results.Where(r => r.At >= since)];
            }

            if (recent.Length == 0)
            {
                return TrunkCallSummary.Empty;
            }

            var delays = recent.Where(r => r.PostDialDelay is not null).Select(r => r.PostDialDelay!.Value.TotalMilliseconds).ToList();
            var failures = 0;
            for (var i = recent.Length - 1; i >= 0 && recent[i].CarrierFailure; i--)
            {
                failures++;
            }

            return new TrunkCallSummary(
                recent.Length,
                recent.Count(r => r.Answered),
                (double)recent.Count(r => r.Answered) / recent.Length,
                delays.Count == 0 ? null : TimeSpan.FromMilliseconds(delays.Average()),
                failures);
        }
    }
}

/// <summary>Recent attempts on one trunk: seizures, answers, ASR (0..1), mean post-dial delay, carrier failures in a row.</summary>
public sealed record TrunkCallSummary(int Attempts, int Answered, double? AnswerSeizureRatio, TimeSpan? PostDialDelay, int ConsecutiveCarrierFailures)
{
    public static TrunkCallSummary Empty { get; } = new(0, 0, null, null, 0);
}

internal sealed record TrunkAttemptResult(DateTimeOffset At, bool Answered, bool CarrierFailure, TimeSpan? PostDialDelay);

/// <summary>One INVITE toward a trunk, from sending to its final response.</summary>
public sealed class TrunkAttempt
{
    private readonly TrunkCallStatistics.Window window;
    private readonly TimeProvider time;
    private readonly long started;
    private TimeSpan? postDialDelay;
    private int completed;

    internal TrunkAttempt(TrunkCallStatistics.Window window, TimeProvider time)
    {
        this.window = window;
        this.time = time;
        started = time.GetTimestamp();
    }

    /// <summary>The far end rings or sends early media (180/183): the post-dial delay ends here.</summary>
    public void Progressed() => postDialDelay ??= time.GetElapsedTime(started);

    /// <summary>The attempt's outcome: 2xx answered; 503/408/no answer (status 0) a carrier failure; busy etc. neither.</summary>
    public void Complete(int statusCode)
    {
        if (Interlocked.Exchange(ref completed, 1) != 0)
        {
            return;
        }

        var answered = statusCode is >= 200 and < 300;
        // An answer without ringing first still tells how long the carrier took to connect.
        var delay = postDialDelay ?? (answered ? time.GetElapsedTime(started) : null);
        window.Add(new TrunkAttemptResult(time.GetUtcNow(), answered, TrunkRouter.ShouldFailOver(statusCode), delay));
    }
}
