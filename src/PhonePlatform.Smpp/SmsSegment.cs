namespace PhonePlatform.Smpp;

/// <summary>
/// One short_message ready for submit_sm: its octets (user data header first when <see cref="HasUserDataHeader"/>),
/// the data_coding, and its place (1-based <see cref="Number"/> of <see cref="Total"/>).
/// </summary>
public sealed record SmsSegment(ReadOnlyMemory<byte> ShortMessage, byte DataCoding, bool HasUserDataHeader, int Number, int Total);
