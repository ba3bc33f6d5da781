using PhonePlatform.Sip.Internal;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1): INVITE (Figure 5, timers A, B, D) or non-INVITE (Figure 6, timers E, F, K).
/// Responses are observed through <see cref="ProvisionalResponse"/> and awaited through <see cref="FinalResponse"/>;
/// a timeout yields a locally generated 408 and a transport error a 503 (§8.1.3.1).
/// </summary>
public sealed class SipClientTransaction
{
    private readonly ITransactionHost host;
    private readonly Lock gate = new();
    private readonly TaskCompletionSource<SipResponse> finalResponse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource provisionalSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? retransmitTimer;
    private ITimer? timeoutTimer;
    private TimeSpan retransmitInterval;
    private SipRequest? ackRequest;
    private Action<SipResponse>? provisionalHandlers;
    private List<SipResponse>? provisionalsSeen;

    internal SipClientTransaction(ITransactionHost host, SipRequest request, SipEndPoint destination, string key)
    {
        this.host = host;
        Request = request;
        Destination = destination;
        Key = key;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
    }

    public SipRequest Request { get; }

    public SipEndPoint Destination { get; }

    public bool IsInvite { get; }

    public SipTransactionState State { get; private set; }

    public string Branch => Request.TopVia?.Branch ?? string.Empty;

    internal string Key { get; }

    /// <summary>Completes with the first final response (or the locally generated 408/503).</summary>
    public Task<SipResponse> FinalResponse => finalResponse.Task;

    /// <summary>
    /// Raised for each 1xx received. The request is on the wire before <see cref="SipStack.SendRequestAsync"/> returns,
    /// so a fast peer's 1xx can arrive before the caller subscribes: a handler added late is first given the 1xx
    /// already received (the last <see cref="ProvisionalReplayLimit"/>), in order, so no 180 or 183 is ever lost.
    /// </summary>
    public event Action<SipResponse>? ProvisionalResponse
    {
        add
        {
            SipResponse[] missed;
            lock (gate)
            {
                provisionalHandlers += value;
                missed = provisionalsSeen?.ToArray() ?? [];
            }

            foreach (var response in missed)
            {
                value?.Invoke(response);
            }
        }

        remove
        {
            lock (gate)
            {
                provisionalHandlers -= value;
            }
        }
    }

    /// <summary>How many 1xx are kept for late subscribers (a hostile peer may send any number).</summary>
    public const int ProvisionalReplayLimit = 8;

    internal async ValueTask StartAsync()
    {
        var reliable = Destination.Transport.IsReliable();
        lock (gate)
        {
            // RFC 3261 §17.1.1.2 / §17.1.2.2: Timer A/E start at T1 on unreliable transports; Timer B/F fire after 64*T1.
            if (!reliable)
            {
                retransmitInterval = host.Timers.T1;
                retransmitTimer = host.TimeProvider.CreateTimer(_ => _ = OnRetransmitTimerAsync(), null, retransmitInterval, Timeout.InfiniteTimeSpan);
            }

            timeoutTimer = host.TimeProvider.CreateTimer(_ => OnTimeout(), null, host.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        }

        if (!await host.TrySendAsync(Destination, Request))
        {
            OnTransportError();
        }
    }

    private async Task OnRetransmitTimerAsync()
    {
        lock (gate)
        {
            var retransmitting = State is SipTransactionState.Calling or SipTransactionState.Trying
                || (!IsInvite && State == SipTransactionState.Proceeding);
            if (!retransmitting)
            {
                return;
            }

            // Timer A doubles without bound (§17.1.1.2); Timer E doubles up to T2, and stays at T2 once Proceeding (§17.1.2.2).
            retransmitInterval = IsInvite
                ? retransmitInterval * 2
                : State == SipTransactionState.Proceeding ? host.Timers.T2 : Min(retransmitInterval * 2, host.Timers.T2);
            retransmitTimer?.Change(retransmitInterval, Timeout.InfiniteTimeSpan);
        }

        await host.TrySendAsync(Destination, Request);
    }

    private void OnTimeout()
    {
        lock (gate)
        {
            if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return;
            }
        }

        // Timer B / Timer F: inform the TU with a 408 (§8.1.3.1).
        Terminate();
        finalResponse.TrySetResult(SipResponse.Create(Request, 408));
    }

    private void OnTransportError()
    {
        Terminate();
        finalResponse.TrySetResult(SipResponse.Create(Request, 503, "Service Unavailable (transport error)"));
    }

    internal async ValueTask OnResponseAsync(SipResponse response)
    {
        SipRequest? resendAck = null;
        var deliverFinal = false;
        var deliverProvisional = false;
        var sendAck = false;
        lock (gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding:
                    if (response.IsProvisional)
                    {
                        State = SipTransactionState.Proceeding;
                        if (IsInvite)
                        {
                            // §17.1.1.2: Timers A and B only run in Calling; in Proceeding the TU decides how long to ring.
                            retransmitTimer?.Dispose();
                            timeoutTimer?.Dispose();
                        }

                        deliverProvisional = true;
                    }
                    else if (IsInvite && response.IsSuccess)
                    {
                        // §17.1.1.2: a 2xx terminates the transaction; the TU sends the ACK.
                        State = SipTransactionState.Terminated;
                        deliverFinal = true;
                    }
                    else
                    {
                        State = SipTransactionState.Completed;
                        deliverFinal = true;
                        sendAck = IsInvite;
                    }

                    break;
                case SipTransactionState.Completed when IsInvite && !response.IsProvisional:
                    // §17.1.1.2: retransmissions of the final response are answered with the same ACK.
                    resendAck = ackRequest;
                    break;
            }
        }

        if (deliverProvisional)
        {
            provisionalSeen.TrySetResult();
            Action<SipResponse>? handlers;
            lock (gate)
            {
                // Remembered and handlers read under one lock: each handler sees each 1xx exactly once.
                provisionalsSeen ??= [];
                if (provisionalsSeen.Count == ProvisionalReplayLimit)
                {
                    provisionalsSeen.RemoveAt(0);
                }

                provisionalsSeen.Add(response);
                handlers = provisionalHandlers;
            }

            handlers?.Invoke(response);
            return;
        }

        if (resendAck is not null)
        {
            await host.TrySendAsync(Destination, resendAck);
            return;
        }

        if (!deliverFinal)
        {
            return;
        }

        if (sendAck)
        {
            ackRequest = CreateAckForNon2xx(response);
            await host.TrySendAsync(Destination, ackRequest);
        }

        EnterCompletedOrTerminated();
        finalResponse.TrySetResult(response);
    }

    private void EnterCompletedOrTerminated()
    {
        lock (gate)
        {
            retransmitTimer?.Dispose();
            timeoutTimer?.Dispose();
            if (State == SipTransactionState.Terminated)
            {
                host.OnTerminated(this);
                return;
            }

            // Timer D (INVITE, ≥32 s unreliable) or Timer K (non-INVITE, T4 unreliable); zero on reliable transports.
            var reliable = Destination.Transport.IsReliable();
            var linger = reliable ? TimeSpan.Zero : IsInvite ? host.Timers.TimerD : host.Timers.T4;
            if (linger == TimeSpan.Zero)
            {
                State = SipTransactionState.Terminated;
                host.OnTerminated(this);
            }
            else
            {
                timeoutTimer = host.TimeProvider.CreateTimer(_ => Terminate(), null, linger, Timeout.InfiniteTimeSpan);
            }
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

    /// <summary>
    /// RFC 3261 §17.1.1.3: the ACK for a non-2xx final response has the Request-URI, Call-ID, From, CSeq number and the
    /// single top Via of the INVITE, the To of the response, and the INVITE's Route headers.
    /// </summary>
    private SipRequest CreateAckForNon2xx(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUriText, new SipHeaders(), ReadOnlyMemory<byte>.Empty);
        ack.Headers.Add(SipHeaderNames.Via, Request.TopVia!.ToString());
        ack.Headers.CopyFrom(Request.Headers, SipHeaderNames.Route);
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        ack.Headers.CopyFrom(Request.Headers, SipHeaderNames.From);
        ack.Headers.CopyFrom(response.Headers, SipHeaderNames.To);
        ack.Headers.CopyFrom(Request.Headers, SipHeaderNames.CallId);
        ack.CSeq = new SipCSeq(Request.CSeq!.Value.Number, SipMethods.Ack);
        return ack;
    }

    /// <summary>
    /// RFC 3261 §9.1: builds the CANCEL for this INVITE (same Request-URI, Call-ID, To, From, CSeq number, top Via and
    /// Route). It must not be sent before a provisional response arrived; <see cref="WhenCancellableAsync"/> waits for that.
    /// </summary>
    public SipRequest CreateCancel()
    {
        var cancel = new SipRequest(SipMethods.Cancel, Request.RequestUriText, new SipHeaders(), ReadOnlyMemory<byte>.Empty);
        cancel.Headers.Add(SipHeaderNames.Via, Request.TopVia!.ToString());
        cancel.Headers.CopyFrom(Request.Headers, SipHeaderNames.Route);
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.CopyFrom(Request.Headers, SipHeaderNames.From);
        cancel.Headers.CopyFrom(Request.Headers, SipHeaderNames.To);
        cancel.Headers.CopyFrom(Request.Headers, SipHeaderNames.CallId);
        cancel.CSeq = new SipCSeq(Request.CSeq!.Value.Number, SipMethods.Cancel);
        return cancel;
    }

    /// <summary>Completes once a provisional response was received (§9.1: CANCEL only after a 1xx).</summary>
    public Task WhenCancellableAsync() => provisionalSeen.Task;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
