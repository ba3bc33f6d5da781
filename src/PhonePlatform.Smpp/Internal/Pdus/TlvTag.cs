namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>SMPP 3.4 §5.3.2 optional parameter tags this client reads or writes; others are skipped.</summary>
internal static class TlvTag
{
    public const ushort ReceiptedMessageId = 0x001E;
    public const ushort UserMessageReference = 0x0204;
    public const ushort ScInterfaceVersion = 0x0210;
    public const ushort NetworkErrorCode = 0x0423;
    public const ushort MessagePayload = 0x0424;
    public const ushort MessageState = 0x0427;

    /// <summary>
    /// Vendor-specific range (SMPP 3.4 §5.3.2: 0x1400–0x3FFF): the ESME's own stable reference of a submission, a
    /// C-octet string. SMSCs that honour it answer a resubmission with the first message_id instead of sending again.
    /// </summary>
    public const ushort ClientReference = 0x1500;

    /// <summary>Bound on optional parameters per PDU, so a hostile peer cannot make us loop over thousands of empty TLVs.</summary>
    public const int MaxPerPdu = 64;
}
