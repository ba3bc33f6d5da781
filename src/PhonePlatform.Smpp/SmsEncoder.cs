using System.Text;
using PhonePlatform.Smpp.Internal.Gsm;

namespace PhonePlatform.Smpp;

/// <summary>
/// Chooses the encoding of a text and cuts it into segments: the GSM 03.38 default alphabet when every character
/// is in it (extension characters cost two septets), UCS-2 otherwise. Long texts become concatenated segments with
/// the 3GPP TS 23.040 §9.2.3.24.1 user data header (IEI 0x00, 8-bit reference), never splitting an escape sequence
/// or a surrogate pair.
/// </summary>
public static class SmsEncoder
{
    public const int Gsm7SingleSegmentSeptets = 160;
    public const int Gsm7ConcatenatedSeptets = 153;
    public const int Ucs2SingleSegmentUnits = 70;
    public const int Ucs2ConcatenatedUnits = 67;

    /// <summary>The 8-bit reference allows 255 parts (TS 23.040 §9.2.3.24.1).</summary>
    public const int MaxSegments = 255;

    /// <summary>data_coding for the SMSC default alphabet (SMPP 3.4 §5.2.19).</summary>
    public const byte DataCodingDefault = 0x00;

    /// <summary>data_coding for UCS2 (ISO/IEC-10646), SMPP 3.4 §5.2.19.</summary>
    public const byte DataCodingUcs2 = 0x08;

    /// <summary>UDHL, IEI 0x00 (concatenated short messages, 8-bit reference), IEDL 3, reference, total, number.</summary>
    private const int ConcatenationHeaderLength = 6;

    public static SmsPlan Plan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = Gsm7Alphabet.CountSeptets(text);
        if (septets >= 0)
        {
            if (septets <= Gsm7SingleSegmentSeptets)
            {
                return new SmsPlan(SmsEncoding.Gsm7, 1, septets, Gsm7SingleSegmentSeptets - septets);
            }

            var (segments, last) = CountSegments(text, SmsEncoding.Gsm7);
            return new SmsPlan(SmsEncoding.Gsm7, segments, septets, Gsm7ConcatenatedSeptets - last);
        }

        if (text.Length <= Ucs2SingleSegmentUnits)
        {
            return new SmsPlan(SmsEncoding.Ucs2, 1, text.Length, Ucs2SingleSegmentUnits - text.Length);
        }

        var (ucsSegments, ucsLast) = CountSegments(text, SmsEncoding.Ucs2);
        return new SmsPlan(SmsEncoding.Ucs2, ucsSegments, text.Length, Ucs2ConcatenatedUnits - ucsLast);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> into short_message segments. <paramref name="reference"/> is the
    /// concatenation reference shared by all parts; it must differ between long messages to the same recipient.
    /// </summary>
    /// <exception cref="ArgumentException">The text needs more than <see cref="MaxSegments"/> segments.</exception>
    public static IReadOnlyList<SmsSegment> Encode(string text, byte reference, Gsm7Packing packing = Gsm7Packing.Unpacked)
    {
        var plan = Plan(text);
        if (plan.Segments > MaxSegments)
        {
            throw new ArgumentException($"The text needs {plan.Segments} segments; at most {MaxSegments} can be concatenated.", nameof(text));
        }

        var ranges = plan.Segments == 1 ? [new Range(0, text.Length)] : Split(text, plan.Encoding);
        var segments = new SmsSegment[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var part = text.AsSpan()[ranges[i]];
            var header = ranges.Count == 1 ? [] : ConcatenationHeader(reference, ranges.Count, i + 1);
            var payload = plan.Encoding == SmsEncoding.Gsm7 ? EncodeGsm7(part, header, packing) : EncodeUcs2(part, header);
            segments[i] = new SmsSegment(
                payload,
                plan.Encoding == SmsEncoding.Gsm7 ? DataCodingDefault : DataCodingUcs2,
                header.Length > 0,
                i + 1,
                ranges.Count);
        }

        return segments;
    }

    /// <summary>
    /// Decodes a received short_message (deliver_sm). With a user data header its octets are skipped; GSM text is
    /// read in the given packing, UCS-2 as UTF-16BE, Latin-1 (0x03) and IA5 (0x01) as single octets.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> shortMessage, byte dataCoding, bool hasUserDataHeader, Gsm7Packing packing = Gsm7Packing.Unpacked)
    {
        var headerLength = 0;
        if (hasUserDataHeader && shortMessage.Length > 0)
        {
            headerLength = Math.Min(shortMessage[0] + 1, shortMessage.Length);
        }

        var body = shortMessage[headerLength..];
        return dataCoding switch
        {
            DataCodingDefault when packing == Gsm7Packing.Packed =>
                Gsm7Alphabet.Decode(Gsm7Packer.Unpack(body, headerLength == 0 ? 0 : Gsm7Packer.FillBits(headerLength))),
            DataCodingDefault => Gsm7Alphabet.Decode(body),
            DataCodingUcs2 => Encoding.BigEndianUnicode.GetString(body[..(body.Length & ~1)]),
            _ => Encoding.Latin1.GetString(body),
        };
    }

    private static (int Segments, int UnitsInLast) CountSegments(string text, SmsEncoding encoding)
    {
        var segments = 1;
        var used = 0;
        var capacity = encoding == SmsEncoding.Gsm7 ? Gsm7ConcatenatedSeptets : Ucs2ConcatenatedUnits;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = UnitCost(text, i, encoding);
            if (used + cost > capacity)
            {
                segments++;
                used = 0;
            }

            used += cost;
            if (cost == 2 && encoding == SmsEncoding.Ucs2)
            {
                i++;
            }
        }

        return (segments, used);
    }

    private static List<Range> Split(string text, SmsEncoding encoding)
    {
        var ranges = new List<Range>();
        var start = 0;
        var used = 0;
        var capacity = encoding == SmsEncoding.Gsm7 ? Gsm7ConcatenatedSeptets : Ucs2ConcatenatedUnits;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = UnitCost(text, i, encoding);
            if (used + cost > capacity)
            {
                ranges.Add(new Range(start, i));
                start = i;
                used = 0;
            }

            used += cost;
            if (cost == 2 && encoding == SmsEncoding.Ucs2)
            {
                i++;
            }
        }

        ranges.Add(new Range(start, text.Length));
        return ranges;
    }

    // An escape sequence (GSM) or a surrogate pair (UCS-2) is one unit of cost 2 that must stay in one segment.
    private static int UnitCost(string text, int index, SmsEncoding encoding) => encoding == SmsEncoding.Gsm7
        ? Gsm7Alphabet.SeptetCost(text[index])
        : char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    private static byte[] ConcatenationHeader(byte reference, int total, int number) =>
        [0x05, 0x00, 0x03, reference, (byte)total, (byte)number];

    private static byte[] EncodeGsm7(ReadOnlySpan<char> part, byte[] header, Gsm7Packing packing)
    {
        Span<byte> septets = stackalloc byte[Gsm7SingleSegmentSeptets];
        var count = Gsm7Alphabet.WriteSeptets(part, septets);
        if (packing == Gsm7Packing.Unpacked)
        {
            var unpacked = new byte[header.Length + count];
            header.CopyTo(unpacked, 0);
            septets[..count].CopyTo(unpacked.AsSpan(header.Length));
            return unpacked;
        }

        var fillBits = header.Length == 0 ? 0 : Gsm7Packer.FillBits(header.Length);
        var packed = new byte[header.Length + Gsm7Packer.PackedLength(count, fillBits)];
        header.CopyTo(packed, 0);
        Gsm7Packer.Pack(septets[..count], fillBits, packed.AsSpan(header.Length));
        return packed;
    }

    private static byte[] EncodeUcs2(ReadOnlySpan<char> part, byte[] header)
    {
        var bytes = new byte[header.Length + (part.Length * 2)];
        header.CopyTo(bytes, 0);
        Encoding.BigEndianUnicode.GetBytes(part, bytes.AsSpan(header.Length));
        return bytes;
    }
}
