namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// The per-packet cryptographic transform of one profile, for one direction. The caller has already parsed
/// the packet and estimated its index; a transform only encrypts, decrypts and authenticates.
/// </summary>
internal abstract class SrtpTransform : IDisposable
{
    /// <summary>Octets an SRTP packet grows by.</summary>
    public abstract int RtpOverhead { get; }

    /// <summary>Octets an SRTCP packet grows by, including the E flag and SRTCP index.</summary>
    public abstract int RtcpOverhead { get; }

    /// <summary>Encrypts the payload after <paramref name="headerLength"/> and appends the tag; returns the new length.</summary>
    public abstract int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>Verifies and decrypts in place; false when authentication fails.</summary>
    public abstract bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index, out int plainLength);

    /// <summary>Encrypts the RTCP packet after its first 8 octets, appends E || SRTCP index and the tag.</summary>
    public abstract int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex);

    /// <summary>Reads the E flag and SRTCP index from where this profile places them.</summary>
    public abstract uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet, int length);

    /// <summary>Verifies and (when E is set) decrypts an SRTCP packet in place.</summary>
    public abstract bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint indexWord, out int plainLength);

    public abstract void Dispose();
}
