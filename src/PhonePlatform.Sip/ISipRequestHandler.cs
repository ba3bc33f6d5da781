using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip;

/// <summary>The transaction user (RFC 3261 §5): receives new requests from the stack.</summary>
public interface ISipRequestHandler
{
    /// <summary>A new request inside its server transaction. Answer it through <see cref="SipServerTransaction.RespondAsync(SipResponse)"/>.</summary>
    ValueTask OnRequestAsync(SipServerTransaction transaction);

    /// <summary>An ACK for a 2xx (it has no transaction, RFC 3261 §17.2.1); the stack has already stopped retransmitting that 2xx.</summary>
    ValueTask OnAckAsync(SipRequest ack, SipEndPoint source) => ValueTask.CompletedTask;

    /// <summary>
    /// A 2xx to INVITE went unacknowledged for 64*T1 (RFC 3261 §13.3.1.4): the dialog is confirmed, but the session
    /// should be ended with BYE, or a peer that vanished after the answer leaves the call (and its media) open.
    /// </summary>
    ValueTask OnAckTimedOutAsync(SipResponse unacknowledged) => ValueTask.CompletedTask;

    /// <summary>
    /// A source the TU has an agreement with (a carrier trunk's allowed address, a peer node): all its calls arrive from
    /// one address, so the per-source rate limit, sized for one device, must not apply to it.
    /// </summary>
    bool IsTrustedPeer(SipEndPoint source) => false;
}
