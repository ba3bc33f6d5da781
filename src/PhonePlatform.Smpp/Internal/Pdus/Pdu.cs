namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>An SMPP 3.4 §3.2 PDU: the 16-octet header (command_length, command_id, command_status, sequence_number) and a body.</summary>
internal abstract class Pdu
{
    public abstract CommandId CommandId { get; }

    public CommandStatus CommandStatus { get; set; }

    /// <summary>SMPP 3.4 §3.2: 0x00000001 to 0x7FFFFFFF, echoed by the response.</summary>
    public uint SequenceNumber { get; set; }

    public abstract int BodyLength { get; }

    public abstract void WriteBody(ref PduWriter writer);
}

/// <summary>PDUs that are the header alone: enquire_link (§4.11), unbind (§4.2), their responses, and generic_nack (§4.3).</summary>
internal sealed class HeaderOnlyPdu(CommandId commandId) : Pdu
{
    public override CommandId CommandId { get; } = commandId;

    public override int BodyLength => 0;

    public override void WriteBody(ref PduWriter writer)
    {
    }

    public static HeaderOnlyPdu EnquireLink(uint sequence) => new(CommandId.EnquireLink) { SequenceNumber = sequence };

    public static HeaderOnlyPdu EnquireLinkResp(uint sequence) => new(CommandId.EnquireLinkResp) { SequenceNumber = sequence };

    public static HeaderOnlyPdu Unbind(uint sequence) => new(CommandId.Unbind) { SequenceNumber = sequence };

    public static HeaderOnlyPdu UnbindResp(uint sequence) => new(CommandId.UnbindResp) { SequenceNumber = sequence };

    public static HeaderOnlyPdu GenericNack(uint sequence, CommandStatus status) =>
        new(CommandId.GenericNack) { SequenceNumber = sequence, CommandStatus = status };
}
