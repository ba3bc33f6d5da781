namespace PhonePlatform.Sip.Trunks;

public enum TrunkStatus
{
    Unknown,
    Up,
    Down,
}

/// <summary>The last known state of a trunk from its OPTIONS keep-alives.</summary>
public sealed record TrunkHealth(TrunkStatus Status, int ConsecutiveFailures, DateTimeOffset? LastChecked, TimeSpan? LastRoundTrip, int? LastStatusCode)
{
    public static TrunkHealth Initial { get; } = new(TrunkStatus.Unknown, 0, null, null, null);
}
