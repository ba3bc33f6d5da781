using System.Collections.Concurrent;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Internal;

/// <summary>
/// RFC 3261 §13.2.2.4: the UAC core answers every retransmission of a 2xx to INVITE with the same ACK. ACKs are kept
/// for 64*T1, the longest a UAS retransmits.
/// </summary>
internal sealed class AckCache(TimeProvider timeProvider, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (SipRequest Ack, SipEndPoint Destination, long Stored)> acks = new(StringComparer.Ordinal);

    public void Remember(SipRequest ack, SipEndPoint destination)
    {
        var now = timeProvider.GetTimestamp();
        foreach (var (key, value) in acks)
        {
            if (timeProvider.GetElapsedTime(value.Stored, now) > lifetime)
            {
                acks.TryRemove(key, out _);
            }
        }

        acks[Key(ack.CallId, ack.CSeq?.Number)] = (ack, destination, now);
    }

    public bool TryFind(SipResponse response, out SipRequest ack, out SipEndPoint destination)
    {
        if (acks.TryGetValue(Key(response.CallId, response.CSeq?.Number), out var entry)
            && timeProvider.GetElapsedTime(entry.Stored) <= lifetime)
        {
            (ack, destination) = (entry.Ack, entry.Destination);
            return true;
        }

        (ack, destination) = (null!, default);
        return false;
    }

    private static string Key(string? callId, uint? cseq) => $"{callId}|{cseq}";
}
