using PhonePlatform.Smpp.Internal.Pdus;
using static PhonePlatform.Smpp.Tests.Pdus.PduBytes;

namespace PhonePlatform.Smpp.Tests.Pdus;

public sealed class PduCodecTests
{
    [Fact]
    public void Encode_EnquireLink_IsTheSixteenOctetHeader()
    {
        // SMPP 3.4 §4.11.1: command_length 16, command_id 0x00000015, status 0, sequence 1.
        Assert.Equal(Hex("00000010 00000015 00000000 00000001"), PduCodec.Encode(HeaderOnlyPdu.EnquireLink(1)));
    }

    [Fact]
    public void Encode_GenericNack_CarriesTheStatus()
    {
        Assert.Equal(
            Hex("00000010 80000000 00000003 0000002A"),
            PduCodec.Encode(HeaderOnlyPdu.GenericNack(42, CommandStatus.InvalidCommandId)));
    }

    [Fact]
    public void Encode_BindTransceiver_MatchesSection415()
    {
        var pdu = new BindPdu(CommandId.BindTransceiver)
        {
            SequenceNumber = 1,
            SystemId = "test",
            Password = "secret",
            SystemType = "SMS",
        };

        // system_id "test\0", password "secret\0", system_type "SMS\0", interface_version 0x34, addr_ton 0,
        // addr_npi 0, address_range "\0": 5 + 7 + 4 + 3 + 1 = 20 octets of body.
        var expected = Hex(
            "00000024 00000009 00000000 00000001",
            Ascii("test"), "00", Ascii("secret"), "00", Ascii("SMS"), "00", "34 00 00", "00");
        Assert.Equal(expected, PduCodec.Encode(pdu));
    }

    [Fact]
    public void Encode_SubmitSm_MatchesSection441()
    {
        var pdu = new SubmitSmPdu
        {
            SequenceNumber = 7,
            SourceAddrTon = 1,
            SourceAddrNpi = 1,
            SourceAddr = "15551234567",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "4930123456",
            EsmClass = 0x40,
            RegisteredDelivery = 1,
            DataCoding = 0x08,
            ShortMessage = new byte[] { 0x05, 0x00, 0x03, 0x01, 0x02, 0x01, 0x04, 0x16 },
        };

        var expected = Hex(
            "0000003E 00000004 00000000 00000007",
            "00", // service_type
            "01 01", Ascii("15551234567"), "00",
            "01 01", Ascii("4930123456"), "00",
            "40 00 00", // esm_class, protocol_id, priority_flag
            "00 00", // schedule_delivery_time, validity_period
            "01 00 08 00", // registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id
            "08", "050003010201 0416");
        Assert.Equal(expected, PduCodec.Encode(pdu));
    }

    [Fact]
    public void Decode_SubmitSmResp_ReadsMessageId()
    {
        var result = PduCodec.Decode(Hex("00000018 80000004 00000000 00000007", Ascii("M000001"), "00"));

        var resp = Assert.IsType<MessageIdRespPdu>(result.Pdu);
        Assert.Equal("M000001", resp.MessageId);
        Assert.Equal(7u, resp.SequenceNumber);
    }

    [Fact]
    public void Decode_SubmitSmRespWithErrorAndNoBody_IsValid()
    {
        // SMPP 3.4 §4.4.2: no body when command_status is non-zero.
        var result = PduCodec.Decode(Hex("00000010 80000004 00000058 00000003"));

        var resp = Assert.IsType<MessageIdRespPdu>(result.Pdu);
        Assert.Equal(CommandStatus.Throttled, resp.CommandStatus);
        Assert.Equal(string.Empty, resp.MessageId);
    }

    [Fact]
    public void Decode_DeliverSmReceiptWithTlvs_ReadsReceiptedIdStateAndNetworkError()
    {
        var frame = Frame(
            0x00000005,
            "00", "01 01", Ascii("4930"), "00", "01 01", Ascii("1555"), "00",
            "04 00 00 00 00 00 00 00 00",
            "05", Ascii("id:AB"),
            "001E 0007", Ascii("M00001"), "00",
            "0427 0001 02",
            "0423 0003 03 0001",
            "1234 0002 FFFF"); // unknown TLV: skipped

        var result = PduCodec.Decode(frame);

        var deliver = Assert.IsType<DeliverSmPdu>(result.Pdu);
        Assert.Equal(0x04, deliver.EsmClass);
        Assert.Equal("M00001", deliver.ReceiptedMessageId);
        Assert.Equal((byte)2, deliver.MessageState);
        Assert.Equal(new NetworkError(3, 1), deliver.NetworkErrorCode);
        Assert.Equal(Ascii("id:AB"), Convert.ToHexString(deliver.ShortMessage.Span));
    }

    public static TheoryData<string> EveryPdu => new(SamplePdus.Names);

    [Theory]
    [MemberData(nameof(EveryPdu))]
    public void Decode_EncodedPdu_RoundTripsByteForByte(string name)
    {
        var bytes = PduCodec.Encode(SamplePdus.Create(name));

        var result = PduCodec.Decode(bytes);

        Assert.Equal(CommandStatus.Ok, result.Error);
        Assert.NotNull(result.Pdu);
        Assert.Equal(bytes, PduCodec.Encode(result.Pdu));
    }

    [Theory]
    [InlineData("0000000F 00000015 00000000 00000001", CommandStatus.InvalidCommandLength)] // shorter than the header
    [InlineData("00000011 00000015 00000000 00000001", CommandStatus.InvalidCommandLength)] // length says 17, frame is 16
    [InlineData("00000011 00000015 00000000 00000001 00", CommandStatus.InvalidCommandLength)] // enquire_link has no body
    [InlineData("00000010 00000999 00000000 00000001", CommandStatus.InvalidCommandId)]
    [InlineData("00000010 00000103 00000000 00000001", CommandStatus.InvalidCommandId)] // data_sm: not supported here
    public void Decode_MalformedHeader_ReportsTheStatus(string hex, CommandStatus expected)
    {
        var frame = Hex(hex);
        frame = frame.Length >= 4 && frame[3] == 0x0F ? frame[..15] : frame;

        var result = PduCodec.Decode(frame);

        Assert.Null(result.Pdu);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Decode_CStringWithoutNul_IsInvalidSystemId()
    {
        var body = Ascii("test"); // no terminating NUL anywhere
        var frame = Hex("00000014 00000009 00000000 00000001", body);

        Assert.Equal(CommandStatus.InvalidSystemId, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_OverLongSystemId_IsRejectedAtTheSpecLimit()
    {
        // SMPP 3.4 §4.1.5: system_id is at most 16 octets with the NUL; 16 characters plus NUL is one too many.
        var body = Ascii(new string('s', 16)) + "00" + "00 00 34 00 00 00";
        var frame = Frame(0x00000009, body);

        Assert.Equal(CommandStatus.InvalidSystemId, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_SmLengthBeyondTheFrame_IsInvalidMessageLength()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000" + "FE" + "4142";
        var frame = Frame(0x00000004, body);

        Assert.Equal(CommandStatus.InvalidMessageLength, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_TlvLengthBeyondTheFrame_IsInvalidOptionalParameterStream()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + "0427 0010 02";
        var frame = Frame(0x00000005, body);

        Assert.Equal(CommandStatus.InvalidOptionalParameterStream, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_MessageStateWithWrongLength_IsInvalidParameterLength()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + "0427 0002 0202";
        var frame = Frame(0x00000005, body);

        Assert.Equal(CommandStatus.InvalidParameterLength, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_ClientReferenceWithoutNul_IsInvalidParameterLength()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + "1500 0003 414243";
        var frame = Frame(0x00000004, body);

        Assert.Equal(CommandStatus.InvalidParameterLength, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_ClientReference_IsRead()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + "1500 0004 41424300";
        var frame = Frame(0x00000004, body);

        Assert.Equal("ABC", Assert.IsType<SubmitSmPdu>(PduCodec.Decode(frame).Pdu).ClientReference);
    }

    [Fact]
    public void Validate_ClientReferenceOfSixtyFiveCharacters_IsInvalidOptionalParameterValue()
    {
        var pdu = new SubmitSmPdu { ClientReference = new string('r', 65) };
        Assert.Equal(CommandStatus.InvalidOptionalParameterValue, pdu.Validate());
    }

    [Fact]
    public void Decode_TooManyOptionalParameters_IsRefused()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + string.Concat(Enumerable.Repeat("7777 0000", TlvTag.MaxPerPdu + 1));
        var frame = Frame(0x00000005, body);

        Assert.Equal(CommandStatus.InvalidOptionalParameterStream, PduCodec.Decode(frame).Error);
    }

    [Fact]
    public void Decode_UnknownTlvsWithinTheBound_AreSkipped()
    {
        var body = "00 0101 00 0101 00 000000 00 00 00000000 00" + string.Concat(Enumerable.Repeat("7777 0001 AA", TlvTag.MaxPerPdu));
        var frame = Frame(0x00000005, body);

        Assert.IsType<DeliverSmPdu>(PduCodec.Decode(frame).Pdu);
    }

    [Fact]
    public void Validate_DestinationLongerThanTwentyDigits_IsInvalidDestinationAddress()
    {
        var pdu = new SubmitSmPdu { DestinationAddr = new string('1', 21) };

        Assert.Equal(CommandStatus.InvalidDestinationAddress, pdu.Validate());
    }
}
