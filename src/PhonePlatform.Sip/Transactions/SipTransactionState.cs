namespace PhonePlatform.Sip.Transactions;

/// <summary>States of the RFC 3261 §17 transaction state machines (Figures 5–8).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,
}
