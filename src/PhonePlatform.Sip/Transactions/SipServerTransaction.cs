using PhonePlatform.Sip.Internal;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2): INVITE (Figure 7, timers G, H, I) or non-INVITE (Figure 8, timer J).
/// The TU answers through <see cref="RespondAsync"/>; request retransmissions are absorbed here by re-sending the last
/// response. All responses of one transaction share one To tag, so a 180 and the 200 describe the same dialog.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The CancellationTokenSource has no timer; its token is handed to the TU and must outlive the transaction.")]
public sealed class SipServerTransaction
{
    private readonly ITransactionHost host;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancelled = new();
    private SipResponse? lastResponse;
    private ITimer? retransmitTimer;
    private ITimer? timeoutTimer;
    private TimeSpan retransmitInterval;

    internal SipServerTransaction(ITransactionHost host, SipRequest request, SipEndPoint source, SipTransport transport, string key)
    {
        this.host = host;
        Request = request;
        Source = source;
        Transport = transport;
        Key = key;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Proceeding : SipTransactionState.Trying;
        LocalTag = request.To?.Tag ?? SipTags.New();
    }

    public SipRequest Request { get; }

    /// <summary>Where the request came from (including the stream flow it arrived on).</summary>
    public SipEndPoint Source { get; }

    public SipTransport Transport { get; }

    public bool IsInvite { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>The To tag used in every response of this transaction (RFC 3261 §8.2.6.2).</summary>
    public string LocalTag { get; }

    /// <summary>Cancelled when a matching CANCEL arrives (RFC 3261 §9.2); the stack has then already answered 487.</summary>
    public CancellationToken CancellationToken => cancelled.Token;

    public SipResponse? LastResponse => lastResponse;

    internal string Key { get; }

    /// <summary>Creates a response to this request carrying the transaction's To tag.</summary>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null) =>
        SipResponse.Create(Request, statusCode, reasonPhrase, LocalTag);

    public ValueTask RespondAsync(int statusCode, string? reasonPhrase = null) => RespondAsync(CreateResponse(statusCode, reasonPhrase));

    /// <summary>Sends a response. Ignored once a final response was sent (§17.2.1: the TU passes one final response).</summary>
    public async ValueTask RespondAsync(SipResponse response)
    {
        var hand2xxToCore = false;
        lock (gate)
        {
            if (State is SipTransactionState.Completed or SipTransactionState.Confirmed or SipTransactionState.Terminated)
            {
                return;
            }

            lastResponse = response;
            if (response.IsProvisional)
            {
                State = SipTransactionState.Proceeding;
            }
            else if (IsInvite && response.IsSuccess)
            {
                // §17.2.1: a 2xx terminates the INVITE server transaction; the UAS core retransmits it (§13.3.1.4).
                State = SipTransactionState.Terminated;
                hand2xxToCore = true;
            }
            else
            {
                State = SipTransactionState.Completed;
                var reliable = Source.Transport.IsReliable();
                if (IsInvite)
                {
                    // Timer G retransmits the final response (unreliable only), Timer H gives up waiting for the ACK.
                    if (!reliable)
                    {
                        retransmitInterval = host.Timers.T1;
                        retransmitTimer = host.TimeProvider.CreateTimer(_ => _ = OnTimerGAsync(), null, retransmitInterval, Timeout.InfiniteTimeSpan);
                    }

                    timeoutTimer = host.TimeProvider.CreateTimer(_ => Terminate(), null, host.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    // Timer J: absorb request retransmissions for 64*T1 on unreliable transports, zero on reliable ones.
                    timeoutTimer = host.TimeProvider.CreateTimer(_ => Terminate(), null, reliable ? TimeSpan.Zero : host.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
                }
            }
        }

        await host.TrySendAsync(Source, response);
        if (hand2xxToCore)
        {
            host.Retransmit2xxUntilAck(this, response);
            host.OnTerminated(this);
        }
    }

    /// <summary>§17.2.1 / §17.2.2: a retransmitted request is answered with the most recent response, if any.</summary>
    internal async ValueTask OnRetransmissionAsync()
    {
        SipResponse? resend;
        lock (gate)
        {
            resend = State is SipTransactionState.Proceeding or SipTransactionState.Completed ? lastResponse : null;
        }

        if (resend is not null)
        {
            await host.TrySendAsync(Source, resend);
        }
    }

    /// <summary>§17.2.1: the ACK for a non-2xx final response moves Completed to Confirmed; Timer I absorbs further ACKs.</summary>
    internal void OnAck()
    {
        lock (gate)
        {
            if (State != SipTransactionState.Completed)
            {
                return;
            }

            State = SipTransactionState.Confirmed;
            retransmitTimer?.Dispose();
            timeoutTimer?.Dispose();
            var timerI = Source.Transport.IsReliable() ? TimeSpan.Zero : host.Timers.T4;
            timeoutTimer = host.TimeProvider.CreateTimer(_ => Terminate(), null, timerI, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>§9.2: a CANCEL for a transaction without final response gets the INVITE answered with 487.</summary>
    internal async ValueTask<bool> CancelAsync()
    {
        lock (gate)
        {
            if (State != SipTransactionState.Proceeding)
            {
                return false;
            }
        }

        await RespondAsync(CreateResponse(487));
        await cancelled.CancelAsync();
        return true;
    }

    private async Task OnTimerGAsync()
    {
        SipResponse? resend;
        lock (gate)
        {
            if (State != SipTransactionState.Completed)
            {
                return;
            }

            // Timer G doubles up to T2 (§17.2.1).
            retransmitInterval = retransmitInterval * 2 < host.Timers.T2 ? retransmitInterval * 2 : host.Timers.T2;
            retransmitTimer?.Change(retransmitInterval, Timeout.InfiniteTimeSpan);
            resend = lastResponse;
        }

        if (resend is not null)
        {
            await host.TrySendAsync(Source, resend);
        }
    }

    private void Terminate()
    {
        lock (gate)
        {
            State = SipTransactionState.Terminated;
            retransmitTimer?.Dispose();
            timeoutTimer?.Dispose();
        }

        host.OnTerminated(this);
    }
}
