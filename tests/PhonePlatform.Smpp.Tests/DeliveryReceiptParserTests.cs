using PhonePlatform.Smpp.Internal;
using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Tests;

public sealed class DeliveryReceiptParserTests
{
    private static DeliverSmPdu Receipt() => new()
    {
        SourceAddr = "4930123456",
        SourceAddrTon = 1,
        SourceAddrNpi = 1,
        DestinationAddr = "15551234567",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        EsmClass = 0x04,
    };

    [Fact]
    public void Parse_AppendixBText_ReadsEveryField()
    {
        var receipt = DeliveryReceiptParser.Parse(
            Receipt(),
            "id:0123456789 sub:001 dlvr:001 submit date:2611230915 done date:2611230916 stat:DELIVRD err:000 text:Hello world");

        Assert.Equal("0123456789", receipt.MessageId);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("000", receipt.ErrorCode);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 15, 0), receipt.SubmitDate);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 16, 0), receipt.DoneDate);
        Assert.Equal("Hello world", receipt.Text);
        Assert.Equal(SmppAddress.International("+4930123456"), receipt.Source);
        Assert.True(receipt.IsFinal);
    }

    [Theory]
    [InlineData("DELIVRD", MessageState.Delivered)]
    [InlineData("EXPIRED", MessageState.Expired)]
    [InlineData("DELETED", MessageState.Deleted)]
    [InlineData("UNDELIV", MessageState.Undeliverable)]
    [InlineData("ACCEPTD", MessageState.Accepted)]
    [InlineData("REJECTD", MessageState.Rejected)]
    [InlineData("ENROUTE", MessageState.Enroute)]
    [InlineData("unknown", MessageState.Unknown)]
    [InlineData("whatever", MessageState.Unknown)]
    public void Parse_StatWord_MapsToMessageState(string stat, MessageState expected)
    {
        Assert.Equal(expected, DeliveryReceiptParser.Parse(Receipt(), $"id:1 stat:{stat} err:0").State);
    }

    [Fact]
    public void Parse_TlvsPresent_TakePrecedenceOverTheText()
    {
        var pdu = Receipt();
        pdu.ReceiptedMessageId = "abc";
        pdu.MessageState = 5;

        var receipt = DeliveryReceiptParser.Parse(pdu, "id:999 stat:DELIVRD");

        Assert.Equal("abc", receipt.MessageId);
        Assert.Equal(MessageState.Undeliverable, receipt.State);
    }

    [Fact]
    public void Parse_KeysInOtherCaseAndTextContainingKeys_ReadsOnlyTheHead()
    {
        var receipt = DeliveryReceiptParser.Parse(Receipt(), "ID:77 SUB:001 DLVR:000 STAT:UNDELIV ERR:034 Text:stat:DELIVRD id:1");

        Assert.Equal("77", receipt.MessageId);
        Assert.Equal(MessageState.Undeliverable, receipt.State);
        Assert.Equal("034", receipt.ErrorCode);
        Assert.Equal("stat:DELIVRD id:1", receipt.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage without fields")]
    [InlineData("id: stat: submit date:99999999999999 done date:abc")]
    public void Parse_MissingOrBrokenFields_GivesEmptyValuesWithoutThrowing(string text)
    {
        var receipt = DeliveryReceiptParser.Parse(Receipt(), text);

        Assert.Equal(string.Empty, receipt.MessageId);
        Assert.Equal(MessageState.Unknown, receipt.State);
        Assert.Null(receipt.DoneDate);
    }
}
