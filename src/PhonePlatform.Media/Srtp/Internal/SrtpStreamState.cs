namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>The per-SSRC part of an SRTP cryptographic context (RFC 3711 §3.2.1).</summary>
internal sealed class SrtpStreamState
{
    public RolloverCounter Rollover;
    public ReplayWindow RtpReplay;
    public ReplayWindow RtcpReplay;

    /// <summary>RFC 3711 §3.3.2: the next SRTCP index to send, starting at 0, modulo 2^31.</summary>
    public uint NextSrtcpIndex;
}
