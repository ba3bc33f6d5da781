namespace PhonePlatform.Smpp;

/// <summary>The link to the SMSC was bound (<see cref="IsUp"/>) or lost, with a reason for the logs.</summary>
public sealed class LinkStateChangedEventArgs(bool isUp, string reason) : EventArgs
{
    public bool IsUp { get; } = isUp;

    public string Reason { get; } = reason;
}
