namespace PhonePlatform.Media.Rtp;

/// <summary>
/// Turns the stream of RFC 4733 telephone-event packets into one start and one end report per digit.
/// RFC 4733 §2.5.1.2-§2.5.1.4: every packet of an event carries the same timestamp; the end packet is sent
/// three times; a new timestamp is a new event. Allocation-free; not thread-safe.
/// </summary>
public sealed class DtmfEventDetector
{
    private readonly int clockRate;
    private bool haveEvent;
    private uint currentTimestamp;
    private byte currentEvent;
    private bool endReported;

    public DtmfEventDetector(int clockRate = 8000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        this.clockRate = clockRate;
    }

    /// <summary>Raised once when a digit starts and once when it ends.</summary>
    public event Action<DtmfEvent>? DigitDetected;

    /// <summary>Feeds one telephone-event payload; returns false when it is not a valid event payload.</summary>
    public bool OnPacket(uint rtpTimestamp, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEvent.TryParse(payload, out var telephoneEvent) || telephoneEvent.Digit is not { } digit)
        {
            return false;
        }

        var duration = TimeSpan.FromSeconds(telephoneEvent.Duration / (double)clockRate);
        var isNew = !haveEvent || rtpTimestamp != currentTimestamp || telephoneEvent.Event != currentEvent;
        if (isNew)
        {
            haveEvent = true;
            currentTimestamp = rtpTimestamp;
            currentEvent = telephoneEvent.Event;
            endReported = false;
            DigitDetected?.Invoke(new DtmfEvent(digit, duration, false, rtpTimestamp));
        }

        // §2.5.1.4: the end packet is retransmitted (usually three times): report it once.
        if (telephoneEvent.End && !endReported)
        {
            endReported = true;
            DigitDetected?.Invoke(new DtmfEvent(digit, duration, true, rtpTimestamp));
        }

        return true;
    }
}
