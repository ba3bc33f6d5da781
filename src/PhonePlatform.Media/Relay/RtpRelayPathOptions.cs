using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Relay;

/// <summary>How one direction of a bridged call treats its packets.</summary>
public sealed class RtpRelayPathOptions
{
    /// <summary>Unprotects what arrives (the WebRTC leg's remote session); null for plain RTP.</summary>
    public SrtpSession? Inbound { get; init; }

    /// <summary>Protects what leaves (the WebRTC leg's local session); null for plain RTP.</summary>
    public SrtpSession? Outbound { get; init; }

    /// <summary>Rewrites SSRC, sequence number and timestamp of what leaves; null forwards them unchanged.</summary>
    public RtpStreamRewriter? Rewriter { get; init; }

    /// <summary>Inbound to outbound payload type, e.g. telephone-event 126 to 101. Unlisted types pass unchanged.</summary>
    public IReadOnlyDictionary<byte, byte> PayloadTypeMap { get; init; } = new Dictionary<byte, byte>();

    /// <summary>When true, payload types not in <see cref="PayloadTypeMap"/> are dropped instead of forwarded.</summary>
    public bool DropUnmappedPayloadTypes { get; init; }

    /// <summary>The inbound telephone-event payload type (RFC 4733) to report DTMF from; null for none.</summary>
    public byte? TelephoneEventPayloadType { get; init; }

    /// <summary>RTP clock rate of the audio and of telephone-event (8000 for G.711).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>Clock for arrival times (jitter) and for the rewriter.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
