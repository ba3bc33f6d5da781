namespace PhonePlatform.Smpp;

/// <summary>
/// A delivery receipt (deliver_sm with esm_class 0x04, SMPP 3.4 §5.2.12). <see cref="MessageId"/> is the id the
/// SMSC returned in submit_sm_resp: from the receipted_message_id TLV (§5.3.2.12) when present, else from the
/// Appendix B text "id:". <see cref="State"/> comes from message_state (§5.3.2.35) or the text "stat:".
/// </summary>
public sealed record DeliveryReceipt(
    string MessageId,
    MessageState State,
    string? ErrorCode,
    NetworkError? NetworkError,
    DateTime? SubmitDate,
    DateTime? DoneDate,
    SmppAddress Source,
    SmppAddress Destination,
    string Text)
{
    /// <summary>Whether the state is final: delivered, expired, deleted, undeliverable or rejected.</summary>
    public bool IsFinal => State is MessageState.Delivered or MessageState.Expired or MessageState.Deleted
        or MessageState.Undeliverable or MessageState.Rejected;
}
