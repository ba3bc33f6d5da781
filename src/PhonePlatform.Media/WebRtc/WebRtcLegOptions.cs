using System.Net;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Media.WebRtc;

/// <summary>What a <see cref="WebRtcLeg"/> is built from.</summary>
public sealed record WebRtcLegOptions
{
    /// <summary>The configured address of the host candidate and socket.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Where the leg's port comes from (unless <see cref="Multiplexed"/> is set).</summary>
    public required MediaPortAllocator Ports { get; init; }

    /// <summary>
    /// Shared ports for all legs instead of one port per leg (the leg's datagrams are routed by ufrag and address);
    /// null: one port per leg from <see cref="Ports"/>.
    /// </summary>
    public MultiplexedMediaPorts? Multiplexed { get; init; }

    /// <summary>The DTLS identity (one per process is enough; its fingerprint goes into the SDP).</summary>
    public required DtlsCertificate Certificate { get; init; }

    /// <summary>Clock for consent freshness.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Codecs in order of preference.</summary>
    public IReadOnlyList<SdpCodec> CodecPreference { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>DTLS settings (handshake timeout, profiles).</summary>
    public DtlsSrtpServerOptions Dtls { get; init; } = new();

    /// <summary>What runs the leg's receive side (the process-wide one unless a test or benchmark picks another).</summary>
    public MediaReceiver Receiver { get; init; } = MediaReceiver.Shared;

    /// <summary>RFC 7675: how long without a valid check before the leg ends.</summary>
    public TimeSpan ConsentTimeout { get; init; } = IceLiteAgent.DefaultConsentTimeout;
}
