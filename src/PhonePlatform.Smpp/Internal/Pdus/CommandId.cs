namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>SMPP 3.4 §5.1.2.1 command_id values; responses have bit 31 set.</summary>
#pragma warning disable CA1028 // The wire type of command_id is an unsigned 32-bit integer (SMPP 3.4 §3.2).
internal enum CommandId : uint
#pragma warning restore CA1028
{
    GenericNack = 0x80000000,
    BindReceiver = 0x00000001,
    BindReceiverResp = 0x80000001,
    BindTransmitter = 0x00000002,
    BindTransmitterResp = 0x80000002,
    SubmitSm = 0x00000004,
    SubmitSmResp = 0x80000004,
    DeliverSm = 0x00000005,
    DeliverSmResp = 0x80000005,
    Unbind = 0x00000006,
    UnbindResp = 0x80000006,
    BindTransceiver = 0x00000009,
    BindTransceiverResp = 0x80000009,
    EnquireLink = 0x00000015,
    EnquireLinkResp = 0x80000015,
}

internal static class CommandIds
{
    public const uint ResponseBit = 0x80000000;

    public static bool IsResponse(uint commandId) => (commandId & ResponseBit) != 0;
}
