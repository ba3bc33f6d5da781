using System.Buffers;
using System.Buffers.Binary;

namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>
/// The outcome of decoding one frame. When <see cref="Pdu"/> is null, <see cref="Error"/> says why, with the
/// header fields that could be read so the session can answer generic_nack or the matching _resp.
/// </summary>
internal readonly record struct PduDecodeResult(Pdu? Pdu, uint CommandId, uint SequenceNumber, CommandStatus Error);

/// <summary>Encodes and decodes SMPP 3.4 PDUs (§3.2 header, §4 bodies). Decoding never throws on wire input.</summary>
internal static class PduCodec
{
    /// <summary>SMPP 3.4 §3.2: command_length, command_id, command_status, sequence_number, four octets each.</summary>
    public const int HeaderLength = 16;

    public static int Size(Pdu pdu) => HeaderLength + pdu.BodyLength;

    public static int Encode(Pdu pdu, Span<byte> destination)
    {
        var length = Size(pdu);
        var writer = new PduWriter(destination[..length]);
        writer.WriteUInt32((uint)length);
        writer.WriteUInt32((uint)pdu.CommandId);
        writer.WriteUInt32((uint)pdu.CommandStatus);
        writer.WriteUInt32(pdu.SequenceNumber);
        pdu.WriteBody(ref writer);
        return writer.Written != length
            ? throw new InvalidOperationException($"{pdu.CommandId} wrote {writer.Written} octets, announced {length}.")
            : length;
    }

    public static void Encode(Pdu pdu, IBufferWriter<byte> output)
    {
        var length = Size(pdu);
        Encode(pdu, output.GetSpan(length));
        output.Advance(length);
    }

    public static byte[] Encode(Pdu pdu)
    {
        var bytes = new byte[Size(pdu)];
        Encode(pdu, bytes);
        return bytes;
    }

    /// <summary>Reads command_length from the first four octets of a frame (SMPP 3.4 §3.2).</summary>
    public static uint ReadCommandLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32BigEndian(header);

    public static PduDecodeResult Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength)
        {
            return new PduDecodeResult(null, 0, 0, CommandStatus.InvalidCommandLength);
        }

        var reader = new PduReader(frame);
        reader.TryReadUInt32(out var length);
        reader.TryReadUInt32(out var commandId);
        reader.TryReadUInt32(out var status);
        reader.TryReadUInt32(out var sequence);
        if (length != frame.Length)
        {
            return new PduDecodeResult(null, commandId, sequence, CommandStatus.InvalidCommandLength);
        }

        var headerStatus = (CommandStatus)status;
        Pdu? pdu = null;
        var error = (CommandId)commandId switch
        {
            CommandId.BindTransceiver or CommandId.BindTransmitter or CommandId.BindReceiver =>
                Finish(BindPdu.TryRead((CommandId)commandId, ref reader, out var bind), bind, ref pdu),
            CommandId.BindTransceiverResp or CommandId.BindTransmitterResp or CommandId.BindReceiverResp =>
                Finish(BindRespPdu.TryRead((CommandId)commandId, headerStatus, ref reader, out var bindResp), bindResp, ref pdu),
            CommandId.SubmitSm => Finish(SubmitSmPdu.TryRead(ref reader, out var submit), submit, ref pdu),
            CommandId.DeliverSm => Finish(DeliverSmPdu.TryRead(ref reader, out var deliver), deliver, ref pdu),
            CommandId.SubmitSmResp or CommandId.DeliverSmResp =>
                Finish(MessageIdRespPdu.TryRead((CommandId)commandId, headerStatus, ref reader, out var resp), resp, ref pdu),
            CommandId.EnquireLink or CommandId.EnquireLinkResp or CommandId.Unbind or CommandId.UnbindResp or CommandId.GenericNack =>
                reader.Remaining == 0
                    ? Finish(CommandStatus.Ok, new HeaderOnlyPdu((CommandId)commandId) { CommandStatus = headerStatus }, ref pdu)
                    : CommandStatus.InvalidCommandLength,
            _ => CommandStatus.InvalidCommandId,
        };

        if (pdu is null)
        {
            return new PduDecodeResult(null, commandId, sequence, error);
        }

        if (reader.Remaining != 0)
        {
            return new PduDecodeResult(null, commandId, sequence, CommandStatus.InvalidCommandLength);
        }

        pdu.SequenceNumber = sequence;
        pdu.CommandStatus = headerStatus;
        return new PduDecodeResult(pdu, commandId, sequence, CommandStatus.Ok);
    }

    private static CommandStatus Finish(CommandStatus status, Pdu? decoded, ref Pdu? pdu)
    {
        if (status == CommandStatus.Ok)
        {
            pdu = decoded;
        }

        return status;
    }
}
