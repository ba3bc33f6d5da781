using System.Collections.Concurrent;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>Keeps what the B2BUA reported, per call, so tests can check what a call record would get.</summary>
public sealed class RecordingCallObserver : ICallObserver
{
    public ConcurrentQueue<(string Kind, CallEvent Call)> Events { get; } = new();

    public ConcurrentQueue<CallEnded> Ended { get; } = new();

    public void OnRinging(CallEvent call) => Events.Enqueue(("ringing", call));

    public void OnAnswered(CallEvent call) => Events.Enqueue(("answered", call));

    public void OnEnded(CallEnded call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Events.Enqueue(("ended", call.Call));
        Ended.Enqueue(call);
    }

    /// <summary>The end of the call that involved <paramref name="workspaceNumber"/>, once reported.</summary>
    public async Task<CallEnded?> WaitForEndAsync(string workspaceNumber, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Ended.FirstOrDefault(e => e.Call.WorkspaceNumber == workspaceNumber) is { } ended)
            {
                return ended;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
