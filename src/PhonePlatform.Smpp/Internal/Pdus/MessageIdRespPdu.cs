namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>
/// SMPP 3.4 §4.4.2 submit_sm_resp (message_id assigned by the SMSC) and §4.6.2 deliver_sm_resp (message_id unused,
/// set to NULL). §4.4.2: the body is not returned when command_status is non-zero.
/// </summary>
internal sealed class MessageIdRespPdu(CommandId commandId) : Pdu
{
    public override CommandId CommandId { get; } = commandId;

    public string MessageId { get; init; } = string.Empty;

    public override int BodyLength => CommandStatus != CommandStatus.Ok && CommandId == CommandId.SubmitSmResp
        ? 0
        : PduWriter.CStringSize(MessageId);

    public override void WriteBody(ref PduWriter writer)
    {
        if (BodyLength > 0)
        {
            writer.WriteCString(MessageId);
        }
    }

    public static CommandStatus TryRead(CommandId commandId, CommandStatus headerStatus, ref PduReader reader, out MessageIdRespPdu? pdu)
    {
        pdu = null;
        var messageId = string.Empty;
        if (reader.Remaining > 0 && !reader.TryReadCString(FieldLimits.MessageId, out messageId))
        {
            return CommandStatus.InvalidMessageId;
        }

        // Optional parameters are not defined for these responses in 3.4 but some SMSCs append them: skip, bounded.
        var tlvs = new TlvSet();
        var status = tlvs.TryRead(ref reader);
        if (status != CommandStatus.Ok)
        {
            return status;
        }

        pdu = new MessageIdRespPdu(commandId) { CommandStatus = headerStatus, MessageId = messageId };
        return CommandStatus.Ok;
    }

    public static MessageIdRespPdu DeliverSmResp(uint sequence, CommandStatus status) =>
        new(CommandId.DeliverSmResp) { SequenceNumber = sequence, CommandStatus = status };
}
