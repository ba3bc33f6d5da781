namespace PhonePlatform.Gateway.Calls;

/// <summary>A call the B2BUA is handling, keyed by the Call-ID of its first leg.</summary>
internal sealed class ActiveCall(Guid id, CallDirection direction, CallLeg first) : IDisposable
{
    private readonly CancellationTokenSource hangup = new();

    public Guid Id { get; } = id;

    public CallDirection Direction { get; } = direction;

    public CallLeg First { get; } = first;

    /// <summary>Fires when the remote side of <see cref="First"/> hung up.</summary>
    public CancellationToken HangupToken => hangup.Token;

    public bool RemoteHungUp => hangup.IsCancellationRequested;

    public void OnRemoteBye() => hangup.Cancel();

    public void Dispose() => hangup.Dispose();
}
