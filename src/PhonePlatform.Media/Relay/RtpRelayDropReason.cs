namespace PhonePlatform.Media.Relay;

/// <summary>Why <see cref="RtpRelayPath.Process"/> dropped a packet.</summary>
public enum RtpRelayDropReason
{
    None = 0,
    Malformed,
    SrtpRejected,
    PayloadTypeNotMapped,
    BufferTooSmall,

    /// <summary>A duplicate (or very late) packet would reuse an SRTP index on the outbound leg.</summary>
    SrtpIndexReused,
}
