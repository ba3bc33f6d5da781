namespace PhonePlatform.Media.Srtp;

/// <summary>Why <see cref="SrtpSession"/> refused to unprotect a packet.</summary>
public enum SrtpDropReason
{
    /// <summary>No packet has been dropped.</summary>
    None = 0,

    /// <summary>Too short, wrong version or inconsistent header lengths.</summary>
    Malformed,

    /// <summary>The authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §9.3).</summary>
    AuthenticationFailure,

    /// <summary>Already received, or older than the replay window (RFC 3711 §3.3.2).</summary>
    Replay,

    /// <summary>A new SSRC arrived after the session reached its bound on tracked streams.</summary>
    TooManyStreams,
}
