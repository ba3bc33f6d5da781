namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>SMPP 3.4 §4.1.1/§4.1.3/§4.1.5 bind_transmitter, bind_receiver, bind_transceiver (same body).</summary>
internal sealed class BindPdu(CommandId commandId) : Pdu
{
    public override CommandId CommandId { get; } = commandId;

    public string SystemId { get; init; } = string.Empty;

    public string Password { get; init; } = string.Empty;

    public string SystemType { get; init; } = string.Empty;

    public byte InterfaceVersion { get; init; } = FieldLimits.InterfaceVersion34;

    public byte AddrTon { get; init; }

    public byte AddrNpi { get; init; }

    public string AddressRange { get; init; } = string.Empty;

    public override int BodyLength =>
        PduWriter.CStringSize(SystemId) + PduWriter.CStringSize(Password) + PduWriter.CStringSize(SystemType)
        + 3 + PduWriter.CStringSize(AddressRange);

    public override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(SystemId);
        writer.WriteCString(Password);
        writer.WriteCString(SystemType);
        writer.WriteByte(InterfaceVersion);
        writer.WriteByte(AddrTon);
        writer.WriteByte(AddrNpi);
        writer.WriteCString(AddressRange);
    }

    public static CommandStatus TryRead(CommandId commandId, ref PduReader reader, out BindPdu? pdu)
    {
        pdu = null;
        if (!reader.TryReadCString(FieldLimits.SystemId, out var systemId))
        {
            return CommandStatus.InvalidSystemId;
        }

        if (!reader.TryReadCString(FieldLimits.Password, out var password))
        {
            return CommandStatus.InvalidPassword;
        }

        if (!reader.TryReadCString(FieldLimits.SystemType, out var systemType))
        {
            return CommandStatus.InvalidSystemType;
        }

        if (!reader.TryReadByte(out var version) || !reader.TryReadByte(out var ton) || !reader.TryReadByte(out var npi)
            || !reader.TryReadCString(FieldLimits.AddressRange, out var range))
        {
            return CommandStatus.InvalidCommandLength;
        }

        pdu = new BindPdu(commandId)
        {
            SystemId = systemId,
            Password = password,
            SystemType = systemType,
            InterfaceVersion = version,
            AddrTon = ton,
            AddrNpi = npi,
            AddressRange = range,
        };
        return CommandStatus.Ok;
    }
}

/// <summary>SMPP 3.4 §4.1.2/§4.1.4/§4.1.6 bind_*_resp: system_id of the SMSC and optionally sc_interface_version.</summary>
internal sealed class BindRespPdu(CommandId commandId) : Pdu
{
    public override CommandId CommandId { get; } = commandId;

    public string SystemId { get; init; } = string.Empty;

    public byte? ScInterfaceVersion { get; init; }

    // SMPP 3.4 §4.1.2: the body is not returned when command_status is non-zero.
    public override int BodyLength => CommandStatus != CommandStatus.Ok
        ? 0
        : PduWriter.CStringSize(SystemId) + (ScInterfaceVersion is null ? 0 : 5);

    public override void WriteBody(ref PduWriter writer)
    {
        if (CommandStatus != CommandStatus.Ok)
        {
            return;
        }

        writer.WriteCString(SystemId);
        if (ScInterfaceVersion is { } version)
        {
            writer.WriteUInt16(TlvTag.ScInterfaceVersion);
            writer.WriteUInt16(1);
            writer.WriteByte(version);
        }
    }

    public static CommandStatus TryRead(CommandId commandId, CommandStatus headerStatus, ref PduReader reader, out BindRespPdu? pdu)
    {
        pdu = null;
        var systemId = string.Empty;
        if (reader.Remaining > 0 && !reader.TryReadCString(FieldLimits.SystemId, out systemId))
        {
            return CommandStatus.InvalidSystemId;
        }

        var tlvs = new TlvSet();
        var status = tlvs.TryRead(ref reader);
        if (status != CommandStatus.Ok)
        {
            return status;
        }

        pdu = new BindRespPdu(commandId) { CommandStatus = headerStatus, SystemId = systemId, ScInterfaceVersion = tlvs.ScInterfaceVersion };
        return CommandStatus.Ok;
    }
}
