namespace PhonePlatform.Sms;

/// <summary>
/// Wakes this process's outbox worker when a message was queued here (or a NOTIFY from another process arrived), so
/// an idle worker can poll rarely without delaying new messages. A lost wake-up only costs latency: the worker still
/// polls at its idle interval.
/// </summary>
public sealed class SmsOutboxSignal
{
    private TaskCompletionSource? next;

    /// <summary>
    /// The wake-up after now. Take it before looking at the outbox: a message committed after that look completes it.
    /// </summary>
    public Task Next()
    {
        while (true)
        {
            if (Volatile.Read(ref next) is { } pending)
            {
                return pending.Task;
            }

            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref next, fresh, null) is null)
            {
                return fresh.Task;
            }
        }
    }

    /// <summary>Something was queued: completes the pending wake-up (free when nobody waits).</summary>
    public void Notify() => Interlocked.Exchange(ref next, null)?.TrySetResult();
}
