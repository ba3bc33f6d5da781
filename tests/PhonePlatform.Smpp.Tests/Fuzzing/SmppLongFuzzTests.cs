using PhonePlatform.Smpp.Internal;
using PhonePlatform.Smpp.Internal.Pdus;
using PhonePlatform.Smpp.Tests.Pdus;
using PhonePlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace PhonePlatform.Smpp.Tests.Fuzzing;

/// <summary>
/// The SMPP decoder and everything an inbound deliver_sm goes through after it (text decoding in every data coding
/// and packing, the user data header, the delivery receipt parser), under <see cref="MutationFuzzer"/>: short and
/// seeded in CI, PHONEPLATFORM_FUZZ_SECONDS=N for long runs. <c>PduFuzzTests</c> keeps the fixed runs of the codec.
/// </summary>
public sealed class SmppLongFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 20_000;

    [Fact]
    public void Decode_MutatedPdus_DecodeOrRefuseAndDeliverSmContentNeverThrows()
    {
        var seeds = SamplePdus.Names.Select(name => PduCodec.Encode(SamplePdus.Create(name))).Concat([Receipt(), Concatenated()]).ToArray();
        var run = MutationFuzzer.Run("smpp-pdu", seeds, 3400, CiIterations, [0x00, 0x01, 0x04, 0x05, 0x08, 0x40, 0x80, 0x02, 0x04, 0x24, 0x1E, 0x0E], input =>
        {
            var result = PduCodec.Decode(input);
            Assert.True(result.Pdu is not null || result.Error != CommandStatus.Ok);
            if (result.Pdu is not DeliverSmPdu deliver)
            {
                return;
            }

            // What SmppClient.OnDeliverSm does before its handler runs: none of it may throw on a peer's bytes.
            var hasUdh = (deliver.EsmClass & 0x40) != 0;
            var payload = deliver.ShortMessage.Length == 0 && deliver.MessagePayload is not null ? deliver.MessagePayload : deliver.ShortMessage;
            foreach (var packing in new[] { Gsm7Packing.Unpacked, Gsm7Packing.Packed })
            {
                var text = SmsEncoder.Decode(payload.Span, deliver.DataCoding, hasUdh, packing);
                _ = DeliveryReceiptParser.Parse(deliver, text);
            }

            _ = UserDataHeader.ReadConcatenation(payload.Span);
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void ShortMessageText_MutatedInEveryDataCoding_NeverThrows()
    {
        byte[][] seeds =
        [
            "id:0123456789 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:DELIVRD err:000 text:Hello"u8.ToArray(),
            [0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x00, 0x48, 0x00, 0x69, 0xD8, 0x3D, 0xDE, 0x00],
            [0x06, 0x08, 0x04, 0x00, 0x2A, 0x02, 0x01, 0xC8, 0x32, 0x9B, 0xFD, 0x06, 0x1B, 0x1B, 0x14],
        ];
        byte[] codings = [0x00, 0x01, 0x03, 0x04, 0x08, 0xF0, 0xF4, 0x18];
        var run = MutationFuzzer.Run("sms-text", seeds, 7901, CiIterations, [0x1B, 0x00, 0x05, 0x08, 0xD8, 0xDC, 0x3A, 0x20], input =>
        {
            foreach (var coding in codings)
            {
                foreach (var udh in new[] { false, true })
                {
                    _ = SmsEncoder.Decode(input, coding, udh, Gsm7Packing.Unpacked);
                    _ = SmsEncoder.Decode(input, coding, udh, Gsm7Packing.Packed);
                }
            }

            _ = UserDataHeader.ReadConcatenation(input);
        });
        output.WriteLine(run.ToString());
    }

    private static byte[] Receipt() => PduCodec.Encode(new DeliverSmPdu
    {
        SequenceNumber = 9,
        EsmClass = 0x04,
        SourceAddr = "15557654321",
        DestinationAddr = "15550001111",
        ShortMessage = "id:abc123 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:DELIVRD err:000 text:hi"u8.ToArray(),
        ReceiptedMessageId = "abc123",
        MessageState = 2,
    });

    private static byte[] Concatenated() => PduCodec.Encode(new DeliverSmPdu
    {
        SequenceNumber = 10,
        EsmClass = 0x40,
        DataCoding = 0x08,
        SourceAddr = "15557654321",
        DestinationAddr = "15550001111",
        ShortMessage = new byte[] { 0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x00, 0x48, 0x00, 0x69 },
    });
}
