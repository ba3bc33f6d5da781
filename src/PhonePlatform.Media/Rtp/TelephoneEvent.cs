using System.Buffers.Binary;

namespace PhonePlatform.Media.Rtp;

/// <summary>
/// RFC 4733 §2.3 telephone-event payload: event code, end bit, volume and duration (in timestamp units).
/// The event's start is the RTP timestamp of the packets carrying it.
/// </summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Length = 4;

    /// <summary>RFC 4733 §3.2: events 0-9, *, #, A-D.</summary>
    public char? Digit => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + Event - 12),
        _ => null,
    };

    /// <summary>The event code of a DTMF digit (0-9, *, #, A-D), or null.</summary>
    public static byte? EventOf(char digit) => digit switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
        >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
        _ => null,
    };

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent telephoneEvent)
    {
        if (payload.Length < Length)
        {
            telephoneEvent = default;
            return false;
        }

        telephoneEvent = new TelephoneEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    public int Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }
}
