namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>
/// SMPP 3.4 §4.4.1 submit_sm and §4.6.1 deliver_sm share one body layout: service_type, source and destination
/// address with TON/NPI, esm_class, protocol_id, priority_flag, schedule_delivery_time, validity_period,
/// registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id, sm_length, short_message, TLVs.
/// </summary>
internal abstract class ShortMessagePdu : Pdu
{
    private TlvSet tlvs;

    public string ServiceType { get; set; } = string.Empty;

    public byte SourceAddrTon { get; set; }

    public byte SourceAddrNpi { get; set; }

    public string SourceAddr { get; set; } = string.Empty;

    public byte DestAddrTon { get; set; }

    public byte DestAddrNpi { get; set; }

    public string DestinationAddr { get; set; } = string.Empty;

    /// <summary>SMPP 3.4 §5.2.12: bits 2-5 message type (0x04 = delivery receipt), bit 6 (0x40) = UDH indicator.</summary>
    public byte EsmClass { get; set; }

    public byte ProtocolId { get; set; }

    public byte PriorityFlag { get; set; }

    public string ScheduleDeliveryTime { get; set; } = string.Empty;

    public string ValidityPeriod { get; set; } = string.Empty;

    /// <summary>SMPP 3.4 §5.2.17: 0x01 = SMSC delivery receipt requested on final outcome.</summary>
    public byte RegisteredDelivery { get; set; }

    public byte ReplaceIfPresentFlag { get; set; }

    /// <summary>SMPP 3.4 §5.2.19: 0x00 SMSC default alphabet, 0x08 UCS2.</summary>
    public byte DataCoding { get; set; }

    public byte SmDefaultMsgId { get; set; }

    public ReadOnlyMemory<byte> ShortMessage { get; set; }

    public string? ReceiptedMessageId { get => tlvs.ReceiptedMessageId; set => tlvs.ReceiptedMessageId = value; }

    public byte? MessageState { get => tlvs.MessageState; set => tlvs.MessageState = value; }

    public NetworkError? NetworkErrorCode { get => tlvs.NetworkErrorCode; set => tlvs.NetworkErrorCode = value; }

    public byte[]? MessagePayload { get => tlvs.MessagePayload; set => tlvs.MessagePayload = value; }

    public ushort? UserMessageReference { get => tlvs.UserMessageReference; set => tlvs.UserMessageReference = value; }

    public string? ClientReference { get => tlvs.ClientReference; set => tlvs.ClientReference = value; }

    public override int BodyLength =>
        PduWriter.CStringSize(ServiceType) + 2 + PduWriter.CStringSize(SourceAddr) + 2 + PduWriter.CStringSize(DestinationAddr)
        + 3 + PduWriter.CStringSize(ScheduleDeliveryTime) + PduWriter.CStringSize(ValidityPeriod) + 5 + ShortMessage.Length
        + tlvs.Size;

    public override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(ServiceType);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
        writer.WriteByte(EsmClass);
        writer.WriteByte(ProtocolId);
        writer.WriteByte(PriorityFlag);
        writer.WriteCString(ScheduleDeliveryTime);
        writer.WriteCString(ValidityPeriod);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(ReplaceIfPresentFlag);
        writer.WriteByte(DataCoding);
        writer.WriteByte(SmDefaultMsgId);
        writer.WriteByte((byte)ShortMessage.Length);
        writer.WriteBytes(ShortMessage.Span);
        tlvs.Write(ref writer);
    }

    /// <summary>Checks the limits of SMPP 3.4 §4.4.1 before encoding; encoding an invalid PDU would put garbage on the wire.</summary>
    public CommandStatus Validate()
    {
        if (ServiceType.Length >= FieldLimits.ServiceType)
        {
            return CommandStatus.InvalidServiceType;
        }

        if (SourceAddr.Length >= FieldLimits.Address)
        {
            return CommandStatus.InvalidSourceAddress;
        }

        if (DestinationAddr.Length >= FieldLimits.Address)
        {
            return CommandStatus.InvalidDestinationAddress;
        }

        if (ScheduleDeliveryTime.Length >= FieldLimits.Time)
        {
            return CommandStatus.InvalidScheduledDeliveryTime;
        }

        if (ValidityPeriod.Length >= FieldLimits.Time)
        {
            return CommandStatus.InvalidValidityPeriod;
        }

        if (ClientReference is { Length: >= FieldLimits.MessageId })
        {
            return CommandStatus.InvalidOptionalParameterValue;
        }

        return ShortMessage.Length > FieldLimits.ShortMessage || (MessagePayload?.Length ?? 0) > ushort.MaxValue
            ? CommandStatus.InvalidMessageLength
            : CommandStatus.Ok;
    }

    protected CommandStatus ReadBody(ref PduReader reader)
    {
        if (!reader.TryReadCString(FieldLimits.ServiceType, out var serviceType))
        {
            return CommandStatus.InvalidServiceType;
        }

        if (!reader.TryReadByte(out var sourceTon) || !reader.TryReadByte(out var sourceNpi))
        {
            return CommandStatus.InvalidCommandLength;
        }

        if (!reader.TryReadCString(FieldLimits.Address, out var source))
        {
            return CommandStatus.InvalidSourceAddress;
        }

        if (!reader.TryReadByte(out var destTon) || !reader.TryReadByte(out var destNpi))
        {
            return CommandStatus.InvalidCommandLength;
        }

        if (!reader.TryReadCString(FieldLimits.Address, out var destination))
        {
            return CommandStatus.InvalidDestinationAddress;
        }

        if (!reader.TryReadByte(out var esmClass) || !reader.TryReadByte(out var protocolId) || !reader.TryReadByte(out var priority))
        {
            return CommandStatus.InvalidCommandLength;
        }

        if (!reader.TryReadCString(FieldLimits.Time, out var schedule))
        {
            return CommandStatus.InvalidScheduledDeliveryTime;
        }

        if (!reader.TryReadCString(FieldLimits.Time, out var validity))
        {
            return CommandStatus.InvalidValidityPeriod;
        }

        if (!reader.TryReadByte(out var registered) || !reader.TryReadByte(out var replace) || !reader.TryReadByte(out var dataCoding)
            || !reader.TryReadByte(out var defaultMsgId) || !reader.TryReadByte(out var smLength))
        {
            return CommandStatus.InvalidCommandLength;
        }

        if (smLength > FieldLimits.ShortMessage || !reader.TryReadBytes(smLength, out var shortMessage))
        {
            return CommandStatus.InvalidMessageLength;
        }

        var status = tlvs.TryRead(ref reader);
        if (status != CommandStatus.Ok)
        {
            return status;
        }

        ServiceType = serviceType;
        SourceAddrTon = sourceTon;
        SourceAddrNpi = sourceNpi;
        SourceAddr = source;
        DestAddrTon = destTon;
        DestAddrNpi = destNpi;
        DestinationAddr = destination;
        EsmClass = esmClass;
        ProtocolId = protocolId;
        PriorityFlag = priority;
        ScheduleDeliveryTime = schedule;
        ValidityPeriod = validity;
        RegisteredDelivery = registered;
        ReplaceIfPresentFlag = replace;
        DataCoding = dataCoding;
        SmDefaultMsgId = defaultMsgId;
        ShortMessage = shortMessage.ToArray();
        return CommandStatus.Ok;
    }
}

/// <summary>SMPP 3.4 §4.4.1 submit_sm.</summary>
internal sealed class SubmitSmPdu : ShortMessagePdu
{
    public override CommandId CommandId => CommandId.SubmitSm;

    public static CommandStatus TryRead(ref PduReader reader, out SubmitSmPdu? pdu)
    {
        var candidate = new SubmitSmPdu();
        var status = candidate.ReadBody(ref reader);
        pdu = status == CommandStatus.Ok ? candidate : null;
        return status;
    }
}

/// <summary>SMPP 3.4 §4.6.1 deliver_sm: mobile-originated messages and, with esm_class 0x04, delivery receipts.</summary>
internal sealed class DeliverSmPdu : ShortMessagePdu
{
    public override CommandId CommandId => CommandId.DeliverSm;

    public static CommandStatus TryRead(ref PduReader reader, out DeliverSmPdu? pdu)
    {
        var candidate = new DeliverSmPdu();
        var status = candidate.ReadBody(ref reader);
        pdu = status == CommandStatus.Ok ? candidate : null;
        return status;
    }
}
