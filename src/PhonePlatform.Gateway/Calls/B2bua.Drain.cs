using System.Globalization;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Graceful drain: a node being stopped refuses new calls with 503 and Retry-After (RFC 3261 §21.5.4, §20.33), answers
/// OPTIONS probes with 503 so the edge proxy's dispatcher stops sending it calls, and keeps serving the calls it has
/// (BYE, re-INVITE, UPDATE, INFO) until they end.
/// </summary>
public sealed partial class B2bua
{
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(200);
    private int draining;
    private int callsBeingSetUp;

    public bool IsDraining => Volatile.Read(ref draining) == 1;

    /// <summary>Calls answered, ringing or being set up, plus voicemail still being stored.</summary>
    public int CallsInProgress => ActiveCallCount + Volatile.Read(ref callsBeingSetUp) + running.Count;

    /// <summary>From now on, new calls are refused; the ones in progress go on.</summary>
    public void BeginDrain() => Interlocked.Exchange(ref draining, 1);

    /// <summary>Waits until no call is in progress; false when <paramref name="cancellationToken"/> fired first.</summary>
    public async Task<bool> WaitForCallsToEndAsync(CancellationToken cancellationToken)
    {
        while (CallsInProgress > 0)
        {
            try
            {
                await Task.Delay(DrainPollInterval, sipStack.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    private async Task OnNewCallAsync(SipServerTransaction transaction)
    {
        if (IsDraining)
        {
            await transaction.RespondAsync(Unavailable(transaction)).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref callsBeingSetUp);
        try
        {
            await OnInitialInviteAsync(transaction).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref callsBeingSetUp);
        }
    }

    private async Task OnOptionsAsync(SipServerTransaction transaction) =>
        await transaction.RespondAsync(IsDraining ? Unavailable(transaction) : transaction.CreateResponse(200)).ConfigureAwait(false);

    private SipResponse Unavailable(SipServerTransaction transaction)
    {
        var response = transaction.CreateResponse(503, "Service Unavailable");
        response.Headers.Add(SipHeaderNames.RetryAfter, ((int)Math.Ceiling(Options.DrainRetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
