using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Calls;

/// <summary>A call the B2BUA is handling, keyed by the Call-ID of each of its legs.</summary>
internal sealed class ActiveCall(CallEvent info, CallLeg first) : IDisposable
{
    private readonly CancellationTokenSource hangup = new();
    private int ended;

    public Guid Id => Info.CallId;

    public CallDirection Direction => Info.Direction;

    /// <summary>What call records need; updated as the call learns who answered.</summary>
    public CallEvent Info { get; set; } = info;

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The leg toward the caller (device for outbound, trunk for inbound).</summary>
    public CallLeg First { get; } = first;

    /// <summary>The re-originated leg (trunk or device) once it answered; null for calls the gateway terminates.</summary>
    public CallLeg? Second { get; set; }

    /// <summary>Answered on another gateway node, which writes the call's record: this node only carries signalling.</summary>
    public bool RecordedElsewhere { get; init; }

    /// <summary>The relay between <see cref="First"/> and <see cref="Second"/>.</summary>
    public MediaBridge? Bridge { get; set; }

    /// <summary>The leg on the other side of the one with <paramref name="callId"/>.</summary>
    public CallLeg? OtherThan(string callId) => First.Dialog.CallId == callId ? Second : First;

    public CallLeg? ByCallId(string callId) =>
        First.Dialog.CallId == callId ? First : Second?.Dialog.CallId == callId ? Second : null;

    /// <summary>Fires when the remote side of <see cref="First"/> hung up.</summary>
    public CancellationToken HangupToken => hangup.Token;

    public bool RemoteHungUp => hangup.IsCancellationRequested;

    public void OnRemoteBye() => hangup.Cancel();

    /// <summary>True exactly once: for whoever ends the call first (both sides may hang up at once).</summary>
    public bool TryEnd() => Interlocked.Exchange(ref ended, 1) == 0;

    public IReadOnlyList<CallLegStatistics> Statistics()
    {
        var legs = new List<CallLegStatistics> { new(First.Kind, First.Media.GetStatistics()) };
        if (Second is { } second)
        {
            legs.Add(new CallLegStatistics(second.Kind, second.Media.GetStatistics()));
        }

        return legs;
    }

    public void Dispose() => hangup.Dispose();
}
