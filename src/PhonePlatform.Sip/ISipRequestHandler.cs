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
}
