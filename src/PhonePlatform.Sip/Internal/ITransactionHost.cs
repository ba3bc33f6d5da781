using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Internal;

/// <summary>What a transaction needs from the stack: a clock, timer values, a way to send and to be forgotten.</summary>
internal interface ITransactionHost
{
    TimeProvider TimeProvider { get; }

    SipTimers Timers { get; }

    /// <summary>Sends; returns false when the transport failed (RFC 3261 §17.1.4 transport error).</summary>
    ValueTask<bool> TrySendAsync(SipEndPoint destination, SipMessage message);

    void OnTerminated(SipClientTransaction transaction);

    void OnTerminated(SipServerTransaction transaction);

    /// <summary>RFC 3261 §13.3.1.4: the UAS core, not the transaction, retransmits a 2xx to INVITE until the ACK.</summary>
    void Retransmit2xxUntilAck(SipServerTransaction transaction, SipResponse response);
}
