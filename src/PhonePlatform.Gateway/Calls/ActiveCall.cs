using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Calls;

/// <summary>A call the B2BUA is handling, keyed by the Call-ID of each of its legs.</summary>
internal sealed class ActiveCall(CallEvent info, CallLeg first) : IDisposable
{
    private readonly CancellationTokenSource hangup = new();
    private readonly CancellationTokenSource ending = new();
    private readonly HashSet<CallLeg> digitLegs = [];
    private int ended;

    public Guid Id => Info.CallId;

    public CallDirection Direction => Info.Direction;

    /// <summary>What call records need; updated as the call learns who answered.</summary>
    public CallEvent Info { get; set; } = info;

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The leg toward the caller (device for outbound, trunk for inbound; a transfer may replace it).</summary>
    public CallLeg First { get; private set; } = first;

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

    /// <summary>DTMF from either leg (RFC 4733 events or SIP INFO), for call control such as a menu.</summary>
    public event Action<char>? DigitReceived;

    public void OnDigit(char digit) => DigitReceived?.Invoke(digit);

    /// <summary>True the first time for <paramref name="leg"/>: its RFC 4733 events are wired to this call once.</summary>
    public bool TryWireDigits(CallLeg leg)
    {
        lock (digitLegs)
        {
            return digitLegs.Add(leg);
        }
    }

    /// <summary>Fires when the remote side of <see cref="First"/> hung up.</summary>
    public CancellationToken HangupToken => hangup.Token;

    public bool RemoteHungUp => hangup.IsCancellationRequested;

    public void OnRemoteBye() => hangup.Cancel();

    /// <summary>True exactly once: for whoever ends the call first (both sides may hang up at once).</summary>
    public bool TryEnd()
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return false;
        }

        ending.Cancel();
        return true;
    }

    /// <summary>Fires when the bridged call ends (either side), e.g. to stop ringing a transfer target.</summary>
    public CancellationToken EndedToken => ending.Token;

    /// <summary>A transfer put <paramref name="replacement"/> where <paramref name="leg"/> was.</summary>
    public void ReplaceLeg(CallLeg leg, CallLeg replacement)
    {
        if (ReferenceEquals(First, leg))
        {
            First = replacement;
        }
        else if (ReferenceEquals(Second, leg))
        {
            Second = replacement;
        }
    }

    public IReadOnlyList<CallLegStatistics> Statistics()
    {
        var legs = new List<CallLegStatistics> { new(First.Kind, First.Media.GetStatistics()) };
        if (Second is { } second)
        {
            legs.Add(new CallLegStatistics(second.Kind, second.Media.GetStatistics()));
        }

        return legs;
    }

    /// <summary>One re-INVITE of ours at a time per call (RFC 3261 §14.1: no new offer while one is pending).</summary>
    public SemaphoreSlim Reoffers { get; } = new(1, 1);

    /// <summary>The media direction last offered to each leg by the gateway (absent: sendrecv, as set up).</summary>
    public Dictionary<CallLeg, string> OfferedDirections { get; } = [];

    public void Dispose()
    {
        hangup.Dispose();
        ending.Dispose();
        Reoffers.Dispose();
    }
}
