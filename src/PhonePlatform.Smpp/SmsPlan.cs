namespace PhonePlatform.Smpp;

/// <summary>
/// What sending a text costs, known before sending: the encoding, the number of segments, the length in
/// septets (GSM 7-bit, an extension character counts two) or UTF-16 code units (UCS-2), and how many more such
/// units fit into the last segment.
/// </summary>
public readonly record struct SmsPlan(SmsEncoding Encoding, int Segments, int Length, int RemainingInLastSegment);
