namespace PhonePlatform.Gateway.Calls;

/// <summary>A call the B2BUA is handling, keyed by the Call-ID of its first leg.</summary>
internal sealed class ActiveCall(Guid id, CallDirection direction, CallLeg first) : IDisposable
{
    private readonly CancellationTokenSource hangup = new();

    public Guid Id { get; } = id;

    public CallDirection Direction { get; } = direction;

    public CallLeg First { get; } = first;

    /// <summary>The re-originated leg (trunk or device) once it answered; null for calls the gateway terminates.</summary>
    public CallLeg? Second { get; set; }

    /// <summary>The leg on the other side of the one with <paramref name="callId"/>.</summary>
    public CallLeg? OtherThan(string callId) => First.Dialog.CallId == callId ? Second : First;

    public CallLeg? ByCallId(string callId) =>
        First.Dialog.CallId == callId ? First : Second?.Dialog.CallId == callId ? Second : null;

    /// <summary>Fires when the remote side of <see cref="First"/> hung up.</summary>
    public CancellationToken HangupToken => hangup.Token;

    public bool RemoteHungUp => hangup.IsCancellationRequested;

    public void OnRemoteBye() => hangup.Cancel();

    public void Dispose() => hangup.Dispose();
}
