using System.Collections.Concurrent;

namespace PhonePlatform.Sip.Internal;

/// <summary>
/// RFC 6026 §7.1 / §8.7 ("Accepted" state): a retransmission of an INVITE that was already answered with a 2xx is
/// absorbed for Timer L (64*T1). Under RFC 3261 alone it reached the TU as a new request once the transaction had
/// terminated on the 2xx, and a B2BUA answered it as a second call (seen under load: the client's INVITE timer fires
/// before a late 100 Trying arrives). Kept outside the transaction table so it does not count against the transaction cap.
/// </summary>
internal sealed class AcceptedInvites(TimeProvider timeProvider, TimeSpan lifetime)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, long> accepted = new(StringComparer.Ordinal);
    private long lastSweep;

    public void Remember(string serverKey)
    {
        var now = timeProvider.GetTimestamp();
        accepted[serverKey] = now;
        var last = Interlocked.Read(ref lastSweep);
        if (timeProvider.GetElapsedTime(last, now) >= SweepInterval && Interlocked.CompareExchange(ref lastSweep, now, last) == last)
        {
            foreach (var (key, stored) in accepted)
            {
                if (timeProvider.GetElapsedTime(stored, now) > lifetime)
                {
                    accepted.TryRemove(key, out _);
                }
            }
        }
    }

    public bool Contains(string serverKey) =>
        accepted.TryGetValue(serverKey, out var stored) && timeProvider.GetElapsedTime(stored) <= lifetime;
}
