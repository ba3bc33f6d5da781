using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Srtp;

/// <summary>
/// One SRTP/SRTCP cryptographic context for one master key (RFC 3711 §3.2): protects or unprotects RTP and
/// RTCP in place, tracking the rollover counter, replay window and SRTCP index of every SSRC it sees.
/// Per-packet work allocates nothing (the first packet of a new SSRC allocates its state once).
/// Not thread-safe: give each direction of a leg its own session, driven by one loop.
/// </summary>
public sealed class SrtpSession : IDisposable
{
    /// <summary>Streams tracked per direction; hostile input cannot grow state beyond this.</summary>
    public const int MaxStreams = 64;

    private readonly SrtpTransform transform;
    private readonly Dictionary<uint, SrtpStreamState> outbound = [];
    private readonly Dictionary<uint, SrtpStreamState> inbound = [];
    private bool disposed;

    /// <summary>Creates a session from a master key and master salt, deriving its session keys (RFC 3711 §4.3).</summary>
    public SrtpSession(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (masterKey.Length != SrtpProfileParameters.MasterKeyLength(profile))
        {
            throw new ArgumentException($"{profile} needs a {SrtpProfileParameters.MasterKeyLength(profile)}-octet master key.", nameof(masterKey));
        }

        if (masterSalt.Length != SrtpProfileParameters.MasterSaltLength(profile))
        {
            throw new ArgumentException($"{profile} needs a {SrtpProfileParameters.MasterSaltLength(profile)}-octet master salt.", nameof(masterSalt));
        }

        Profile = profile;
        transform = CreateTransform(
            profile,
            SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: false),
            SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: true));
    }

    /// <summary>Creates a session from already derived session keys (the form RFC 7714's vectors take).</summary>
    internal SrtpSession(SrtpProfile profile, SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys)
    {
        Profile = profile;
        transform = CreateTransform(profile, rtpKeys, rtcpKeys);
    }

    /// <summary>
    /// The most octets <see cref="ProtectRtp"/> or <see cref="ProtectRtcp"/> add for any profile:
    /// a buffer with this much room after the packet can always be protected in place.
    /// </summary>
    public static int MaxProtectOverhead => SrtpProfileParameters.GcmTagLength + SrtpProfileParameters.SrtcpIndexLength;

    /// <summary>The profile this session uses.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Packets dropped because their tag did not verify.</summary>
    public long AuthenticationFailures { get; private set; }

    /// <summary>Packets dropped as replays or as older than the replay window.</summary>
    public long ReplaysDropped { get; private set; }

    /// <summary>Packets dropped as malformed (too short, wrong version, header overruns).</summary>
    public long MalformedDropped { get; private set; }

    /// <summary>Packets dropped because the session already tracks <see cref="MaxStreams"/> SSRCs.</summary>
    public long StreamLimitDropped { get; private set; }

    /// <summary>Why the last refused packet was refused.</summary>
    public SrtpDropReason LastDropReason { get; private set; }

    /// <summary>
    /// RFC 3711 §3.3: encrypts and authenticates an RTP packet in place.
    /// <paramref name="buffer"/> must have room for <see cref="MaxProtectOverhead"/> more octets.
    /// </summary>
    /// <returns>The length of the SRTP packet.</returns>
    /// <exception cref="InvalidOperationException">The packet index was already protected (see <see cref="TryProtectRtp"/>).</exception>
    public int ProtectRtp(Span<byte> buffer, int length) =>
        TryProtectRtp(buffer, length, out var protectedLength)
            ? protectedLength
            : throw new InvalidOperationException("This SSRC and sequence number were already protected; SRTP never reuses a packet index.");

    /// <summary>
    /// Like <see cref="ProtectRtp"/>, but returns false instead of protecting a packet index (SSRC, ROC, sequence number)
    /// that was already protected or lies behind the 128-packet window. Reusing an index reuses the keystream
    /// (and for AES-GCM the nonce), which RFC 3711 §9.1 and RFC 7714 §8 forbid: a relay forwarding a peer's
    /// duplicated sequence numbers must drop them rather than encrypt twice.
    /// </summary>
    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var packet = CheckedPacket(buffer, length, transform.RtpOverhead);
        if (!SrtpPacketLayout.TryGetRtpHeaderLength(packet, out var headerLength))
        {
            throw new ArgumentException("Not an RTP packet: the header is malformed or longer than the packet.", nameof(buffer));
        }

        var ssrc = SrtpPacketLayout.ReadRtpSsrc(packet);
        var state = OutboundState(ssrc);
        var index = state.Rollover.EstimateIndex(SrtpPacketLayout.ReadSequenceNumber(packet));
        if (!state.RtpReplay.IsAcceptable(index))
        {
            protectedLength = 0;
            return false;
        }

        state.Rollover.Update(index);
        state.RtpReplay.Accept(index);
        protectedLength = transform.ProtectRtp(buffer, headerLength, length, ssrc, index);
        return true;
    }

    /// <summary>
    /// RFC 3711 §3.3: verifies and decrypts an SRTP packet in place. Never throws on packet content:
    /// a refused packet returns false and is counted by reason.
    /// </summary>
    public bool TryUnprotectRtp(Span<byte> buffer, int length, out int plainLength)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        plainLength = 0;
        if (length < 0 || length > buffer.Length)
        {
            return Drop(SrtpDropReason.Malformed);
        }

        var packet = buffer[..length];
        if (!SrtpPacketLayout.TryGetRtpHeaderLength(packet, out var headerLength) || headerLength + transform.RtpOverhead > length)
        {
            return Drop(SrtpDropReason.Malformed);
        }

        var ssrc = SrtpPacketLayout.ReadRtpSsrc(packet);
        inbound.TryGetValue(ssrc, out var state);
        if (state is null && inbound.Count >= MaxStreams)
        {
            return Drop(SrtpDropReason.TooManyStreams);
        }

        // Appendix A estimate; §3.3.2: check the replay list before spending work on authentication.
        var index = state?.Rollover.EstimateIndex(SrtpPacketLayout.ReadSequenceNumber(packet))
            ?? SrtpPacketLayout.ReadSequenceNumber(packet);
        if (state is not null && !state.RtpReplay.IsAcceptable(index))
        {
            return Drop(SrtpDropReason.Replay);
        }

        if (!transform.UnprotectRtp(packet, headerLength, length, ssrc, index, out plainLength))
        {
            plainLength = 0;
            return Drop(SrtpDropReason.AuthenticationFailure);
        }

        // §3.3.1: ROC, s_l and the replay list only move for authenticated packets.
        if (state is null)
        {
            state = new SrtpStreamState();
            inbound.Add(ssrc, state);
        }

        state.Rollover.Update(index);
        state.RtpReplay.Accept(index);
        return true;
    }

    /// <summary>
    /// RFC 3711 §3.4: encrypts and authenticates an RTCP (compound) packet in place, appending E || SRTCP index.
    /// <paramref name="buffer"/> must have room for <see cref="MaxProtectOverhead"/> more octets.
    /// </summary>
    /// <returns>The length of the SRTCP packet.</returns>
    public int ProtectRtcp(Span<byte> buffer, int length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var packet = CheckedPacket(buffer, length, transform.RtcpOverhead);
        if (!SrtpPacketLayout.IsRtcpVersion2(packet))
        {
            throw new ArgumentException("Not an RTCP packet: shorter than 8 octets or not version 2.", nameof(buffer));
        }

        var ssrc = SrtpPacketLayout.ReadRtcpSenderSsrc(packet);
        var state = OutboundState(ssrc);
        var index = state.NextSrtcpIndex;
        state.NextSrtcpIndex = (index + 1) & 0x7FFF_FFFFu;
        return transform.ProtectRtcp(buffer, length, ssrc, index);
    }

    /// <summary>
    /// RFC 3711 §3.4: verifies and (when the E flag is set) decrypts an SRTCP packet in place.
    /// Never throws on packet content.
    /// </summary>
    public bool TryUnprotectRtcp(Span<byte> buffer, int length, out int plainLength)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        plainLength = 0;
        if (length < 0 || length > buffer.Length)
        {
            return Drop(SrtpDropReason.Malformed);
        }

        var packet = buffer[..length];
        if (length < SrtpPacketLayout.RtcpProtectedPrefixLength + transform.RtcpOverhead || !SrtpPacketLayout.IsRtcpVersion2(packet))
        {
            return Drop(SrtpDropReason.Malformed);
        }

        var ssrc = SrtpPacketLayout.ReadRtcpSenderSsrc(packet);
        inbound.TryGetValue(ssrc, out var state);
        if (state is null && inbound.Count >= MaxStreams)
        {
            return Drop(SrtpDropReason.TooManyStreams);
        }

        var indexWord = transform.ReadSrtcpIndexWord(packet, length);
        var index = indexWord & 0x7FFF_FFFFu;
        if (state is not null && !state.RtcpReplay.IsAcceptable(index))
        {
            return Drop(SrtpDropReason.Replay);
        }

        if (!transform.UnprotectRtcp(packet, length, ssrc, indexWord, out plainLength))
        {
            plainLength = 0;
            return Drop(SrtpDropReason.AuthenticationFailure);
        }

        if (state is null)
        {
            state = new SrtpStreamState();
            inbound.Add(ssrc, state);
        }

        state.RtcpReplay.Accept(index);
        return true;
    }

    /// <summary>Sets the next SRTCP index sent for <paramref name="ssrc"/> (RFC 7714 §17 states its vector at 0x5d4).</summary>
    internal void SetNextSrtcpIndex(uint ssrc, uint index) => OutboundState(ssrc).NextSrtcpIndex = index & 0x7FFF_FFFFu;

    /// <summary>Sets the sender's ROC and highest sequence number for <paramref name="ssrc"/> (for wraparound tests).</summary>
    internal void SetOutboundIndex(uint ssrc, ulong index)
    {
        var state = OutboundState(ssrc);
        state.Rollover.Update(index);
        state.RtpReplay.Accept(index);
    }

    /// <summary>Sets the receiver's ROC and highest sequence number for <paramref name="ssrc"/>, as a late joiner would learn them.</summary>
    internal void SetInboundIndex(uint ssrc, ulong index)
    {
        if (!inbound.TryGetValue(ssrc, out var state))
        {
            state = new SrtpStreamState();
            inbound.Add(ssrc, state);
        }

        state.Rollover.Update(index);
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            transform.Dispose();
        }
    }

    private static SrtpTransform CreateTransform(SrtpProfile profile, SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => new AesCmHmacSha1Transform(rtpKeys, rtcpKeys),
        SrtpProfile.AeadAes128Gcm => new AesGcmTransform(rtpKeys, rtcpKeys),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };

    private static Span<byte> CheckedPacket(Span<byte> buffer, int length, int overhead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length + overhead > buffer.Length)
        {
            throw new ArgumentException($"The buffer needs {overhead} octets of room after the packet.", nameof(buffer));
        }

        return buffer[..length];
    }

    private SrtpStreamState OutboundState(uint ssrc)
    {
        if (!outbound.TryGetValue(ssrc, out var state))
        {
            if (outbound.Count >= MaxStreams)
            {
                throw new InvalidOperationException($"This session already protects {MaxStreams} SSRCs.");
            }

            state = new SrtpStreamState();
            outbound.Add(ssrc, state);
        }

        return state;
    }

    private bool Drop(SrtpDropReason reason)
    {
        LastDropReason = reason;
        switch (reason)
        {
            case SrtpDropReason.AuthenticationFailure:
                AuthenticationFailures++;
                break;
            case SrtpDropReason.Replay:
                ReplaysDropped++;
                break;
            case SrtpDropReason.TooManyStreams:
                StreamLimitDropped++;
                break;
            default:
                MalformedDropped++;
                break;
        }

        return false;
    }
}
