using BenchmarkDotNet.Attributes;
using PhonePlatform.Smpp;
using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Benchmarks.Smpp;

/// <summary>PDU encode/decode and SMS planning/encoding, the per-message CPU cost of the SMPP client.</summary>
[MemoryDiagnoser]
public class SmppPduBenchmarks
{
    private readonly byte[] buffer = new byte[512];
    private SubmitSmPdu submit = null!;
    private byte[] submitSmResp = null!;
    private byte[] deliverReceipt = null!;

    [GlobalSetup]
    public void Setup()
    {
        submit = new SubmitSmPdu
        {
            SequenceNumber = 1,
            SourceAddrTon = 1,
            SourceAddrNpi = 1,
            SourceAddr = "15551230000",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "4930123456",
            RegisteredDelivery = 1,
            ShortMessage = SmsEncoder.Encode("Your verification code is 123456. It expires in 10 minutes.", 1)[0].ShortMessage,
        };
        submitSmResp = PduCodec.Encode(new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = 1, MessageId = "M00000001" });
        deliverReceipt = PduCodec.Encode(new DeliverSmPdu
        {
            SequenceNumber = 9,
            SourceAddrTon = 1,
            SourceAddrNpi = 1,
            SourceAddr = "4930123456",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "15551230000",
            EsmClass = 0x04,
            ShortMessage = "id:M00000001 sub:001 dlvr:001 submit date:2611230915 done date:2611230916 stat:DELIVRD err:000 text:Your verific"u8.ToArray(),
            ReceiptedMessageId = "M00000001",
            MessageState = 2,
        });
    }

    [Benchmark]
    public int EncodeSubmitSm() => PduCodec.Encode(submit, buffer);

    [Benchmark]
    public object? DecodeSubmitSmResp() => PduCodec.Decode(submitSmResp).Pdu;

    [Benchmark]
    public object? DecodeDeliverSmReceipt() => PduCodec.Decode(deliverReceipt).Pdu;

    [Benchmark]
    public SmsPlan PlanGsmText() => SmsEncoder.Plan("Your verification code is 123456. It expires in 10 minutes.");

    [Benchmark]
    public IReadOnlyList<SmsSegment> EncodeLongUcs2Text() =>
        SmsEncoder.Encode("Ваш код подтверждения 123456. Он действует 10 минут. Не сообщайте его никому, даже сотрудникам.", 7);
}
