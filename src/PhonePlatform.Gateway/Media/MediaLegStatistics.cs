namespace PhonePlatform.Gateway.Media;

/// <summary>Media quality of one leg, for the call record.</summary>
public sealed record MediaLegStatistics(long PacketsReceived, long PacketsSent, long PacketsLost, double JitterMilliseconds);
