namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>
/// SMPP 3.4 §3.3/§5.3: the optional parameters (Tag, Length, Value) after the mandatory body. Known tags are kept,
/// unknown ones skipped; the count is bounded by <see cref="TlvTag.MaxPerPdu"/>.
/// </summary>
internal struct TlvSet
{
    public string? ReceiptedMessageId { get; set; }

    public byte? MessageState { get; set; }

    public NetworkError? NetworkErrorCode { get; set; }

    public byte[]? MessagePayload { get; set; }

    public ushort? UserMessageReference { get; set; }

    public byte? ScInterfaceVersion { get; set; }

    public string? ClientReference { get; set; }

    public CommandStatus TryRead(ref PduReader reader)
    {
        var count = 0;
        while (reader.Remaining > 0)
        {
            if (++count > TlvTag.MaxPerPdu || !reader.TryReadUInt16(out var tag) || !reader.TryReadUInt16(out var length)
                || !reader.TryReadBytes(length, out var value))
            {
                return CommandStatus.InvalidOptionalParameterStream;
            }

            var status = Accept(tag, value);
            if (status != CommandStatus.Ok)
            {
                return status;
            }
        }

        return CommandStatus.Ok;
    }

    private CommandStatus Accept(ushort tag, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case TlvTag.ReceiptedMessageId:
                var inner = new PduReader(value);
                if (!inner.TryReadCString(FieldLimits.MessageId, out var id) || inner.Remaining != 0)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                ReceiptedMessageId = id;
                return CommandStatus.Ok;
            case TlvTag.MessageState:
                if (value.Length != 1)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                MessageState = value[0];
                return CommandStatus.Ok;
            case TlvTag.NetworkErrorCode:
                if (value.Length != 3)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                NetworkErrorCode = new NetworkError(value[0], (ushort)((value[1] << 8) | value[2]));
                return CommandStatus.Ok;
            case TlvTag.MessagePayload:
                MessagePayload = value.ToArray();
                return CommandStatus.Ok;
            case TlvTag.UserMessageReference:
                if (value.Length != 2)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                UserMessageReference = (ushort)((value[0] << 8) | value[1]);
                return CommandStatus.Ok;
            case TlvTag.ClientReference:
                var reference = new PduReader(value);
                if (!reference.TryReadCString(FieldLimits.MessageId, out var text) || reference.Remaining != 0)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                ClientReference = text;
                return CommandStatus.Ok;
            case TlvTag.ScInterfaceVersion:
                if (value.Length != 1)
                {
                    return CommandStatus.InvalidParameterLength;
                }

                ScInterfaceVersion = value[0];
                return CommandStatus.Ok;
            default:
                // SMPP 3.4 §3.3: an unrecognised optional parameter is ignored.
                return CommandStatus.Ok;
        }
    }

    public readonly int Size =>
        (ReceiptedMessageId is null ? 0 : 4 + PduWriter.CStringSize(ReceiptedMessageId))
        + (MessageState is null ? 0 : 5)
        + (NetworkErrorCode is null ? 0 : 7)
        + (MessagePayload is null ? 0 : 4 + MessagePayload.Length)
        + (UserMessageReference is null ? 0 : 6)
        + (ScInterfaceVersion is null ? 0 : 5)
        + (ClientReference is null ? 0 : 4 + PduWriter.CStringSize(ClientReference));

    public readonly void Write(ref PduWriter writer)
    {
        if (UserMessageReference is { } reference)
        {
            writer.WriteUInt16(TlvTag.UserMessageReference);
            writer.WriteUInt16(2);
            writer.WriteUInt16(reference);
        }

        if (ReceiptedMessageId is { } id)
        {
            writer.WriteUInt16(TlvTag.ReceiptedMessageId);
            writer.WriteUInt16((ushort)PduWriter.CStringSize(id));
            writer.WriteCString(id);
        }

        if (MessageState is { } state)
        {
            writer.WriteUInt16(TlvTag.MessageState);
            writer.WriteUInt16(1);
            writer.WriteByte(state);
        }

        if (NetworkErrorCode is { } error)
        {
            writer.WriteUInt16(TlvTag.NetworkErrorCode);
            writer.WriteUInt16(3);
            writer.WriteByte(error.NetworkType);
            writer.WriteUInt16(error.ErrorCode);
        }

        if (MessagePayload is { } payload)
        {
            writer.WriteUInt16(TlvTag.MessagePayload);
            writer.WriteUInt16((ushort)payload.Length);
            writer.WriteBytes(payload);
        }

        if (ScInterfaceVersion is { } version)
        {
            writer.WriteUInt16(TlvTag.ScInterfaceVersion);
            writer.WriteUInt16(1);
            writer.WriteByte(version);
        }

        if (ClientReference is { } clientReference)
        {
            writer.WriteUInt16(TlvTag.ClientReference);
            writer.WriteUInt16((ushort)PduWriter.CStringSize(clientReference));
            writer.WriteCString(clientReference);
        }
    }
}
