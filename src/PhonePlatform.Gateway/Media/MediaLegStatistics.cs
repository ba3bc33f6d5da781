namespace PhonePlatform.Gateway.Media;

/// <summary>Media quality of one leg, for the call record; RTT from RTCP LSR/DLSR (RFC 3550 §6.4.1), null without a report.</summary>
public sealed record MediaLegStatistics(
    long PacketsReceived, long PacketsSent, long PacketsLost, double JitterMilliseconds, double? RoundTripMilliseconds = null);
