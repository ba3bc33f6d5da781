namespace PhonePlatform.Media.Rtp;

/// <summary>A DTMF digit seen in RFC 4733 packets: reported once when it starts and once when it ends.</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="Duration">Duration so far (at the end: the whole event).</param>
/// <param name="End">True for the end report.</param>
/// <param name="RtpTimestamp">The event's start timestamp, which identifies it.</param>
public readonly record struct DtmfEvent(char Digit, TimeSpan Duration, bool End, uint RtpTimestamp);
