using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Tests.Pdus;

/// <summary>One filled-in example of every PDU the codec handles, fields at their limits where it matters.</summary>
internal static class SamplePdus
{
    public static Pdu Create(string name) => name switch
    {
        "bind_transceiver" => Bind(CommandId.BindTransceiver),
        "bind_transmitter" => Bind(CommandId.BindTransmitter),
        "bind_receiver" => Bind(CommandId.BindReceiver),
        "bind_transceiver_resp" => new BindRespPdu(CommandId.BindTransceiverResp) { SequenceNumber = 2, SystemId = "SMSC", ScInterfaceVersion = 0x34 },
        "bind_transceiver_resp_error" => new BindRespPdu(CommandId.BindTransceiverResp) { SequenceNumber = 2, CommandStatus = CommandStatus.BindFailed },
        "submit_sm" => Submit(),
        "submit_sm_resp" => new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = 3, MessageId = new string('m', 64) },
        "submit_sm_resp_error" => new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = 3, CommandStatus = CommandStatus.Throttled },
        "deliver_sm" => Deliver(),
        "deliver_sm_resp" => MessageIdRespPdu.DeliverSmResp(4, CommandStatus.Ok),
        "enquire_link" => HeaderOnlyPdu.EnquireLink(5),
        "enquire_link_resp" => HeaderOnlyPdu.EnquireLinkResp(5),
        "unbind" => HeaderOnlyPdu.Unbind(6),
        "unbind_resp" => HeaderOnlyPdu.UnbindResp(6),
        "generic_nack" => HeaderOnlyPdu.GenericNack(0x7FFFFFFF, CommandStatus.InvalidCommandLength),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static readonly string[] Names =
    [
        "bind_transceiver", "bind_transmitter", "bind_receiver", "bind_transceiver_resp", "bind_transceiver_resp_error",
        "submit_sm", "submit_sm_resp", "submit_sm_resp_error", "deliver_sm", "deliver_sm_resp", "enquire_link",
        "enquire_link_resp", "unbind", "unbind_resp", "generic_nack",
    ];

    private static BindPdu Bind(CommandId id) => new(id)
    {
        SequenceNumber = 1,
        SystemId = new string('s', 15),
        Password = "pa55word",
        SystemType = "VMA",
        AddrTon = 1,
        AddrNpi = 1,
        AddressRange = "^1555",
    };

    private static SubmitSmPdu Submit() => new()
    {
        SequenceNumber = 0x7FFFFFFF,
        ServiceType = "CMT",
        SourceAddrTon = 5,
        SourceAddr = "Acme",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        DestinationAddr = new string('9', 20),
        EsmClass = 0x40,
        ValidityPeriod = "000001000000000R",
        RegisteredDelivery = 1,
        DataCoding = 0x08,
        ShortMessage = Enumerable.Range(0, 254).Select(i => (byte)i).ToArray(),
        UserMessageReference = 0xBEEF,
        ClientReference = "019ab2c4-7d1e-7000-8000-0123456789ab/2",
    };

    private static DeliverSmPdu Deliver() => new()
    {
        SequenceNumber = 4,
        SourceAddrTon = 1,
        SourceAddrNpi = 1,
        SourceAddr = "4930123456",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        DestinationAddr = "15551234567",
        EsmClass = 0x04,
        ShortMessage = "id:M1 sub:001 dlvr:001 submit date:2611230915 done date:2611230916 stat:DELIVRD err:000 text:hi"u8.ToArray(),
        ReceiptedMessageId = "M1",
        MessageState = 2,
        NetworkErrorCode = new NetworkError(3, 0x0102),
        MessagePayload = [1, 2, 3],
    };
}
