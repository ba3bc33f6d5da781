using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.CallLoad;

/// <summary>Counts what the B2BUA reports: calls answered, ended, and how many ended with media received on every leg.</summary>
internal sealed class CallTally : ICallObserver
{
    private long answered;
    private long ended;
    private long endedWithAudio;
    private long failed;
    private long packetsReceived;

    public long Answered => Interlocked.Read(ref answered);

    public long Ended => Interlocked.Read(ref ended);

    public long EndedWithAudio => Interlocked.Read(ref endedWithAudio);

    public long Failed => Interlocked.Read(ref failed);

    public long PacketsReceived => Interlocked.Read(ref packetsReceived);

    public void OnRinging(CallEvent call)
    {
    }

    public void OnAnswered(CallEvent call) => Interlocked.Increment(ref answered);

    public void OnEnded(CallEnded call)
    {
        Interlocked.Increment(ref ended);
        if (call.AnsweredAt is null)
        {
            Interlocked.Increment(ref failed);
            return;
        }

        long received = 0;
        var everyLegHeard = call.Statistics.Count > 0;
        foreach (var leg in call.Statistics)
        {
            received += leg.Media.PacketsReceived;
            everyLegHeard &= leg.Media.PacketsReceived > 0;
        }

        Interlocked.Add(ref packetsReceived, received);
        if (everyLegHeard)
        {
            Interlocked.Increment(ref endedWithAudio);
        }
    }
}
