using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Tests.Pdus;

/// <summary>
/// Seeded mutation of valid PDUs (bit flips, truncation, stretched lengths, random splices) and of pure noise:
/// the decoder must answer every input with a PDU or a status, never an exception, and never allocate beyond the frame.
/// </summary>
public sealed class PduFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Decode_MutatedPdus_NeverThrows(int seed)
    {
        var random = new Random(seed);
        var seeds = SamplePdus.Names.Select(name => PduCodec.Encode(SamplePdus.Create(name))).ToArray();
        var decoded = 0;
        var refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var frame = Mutate(seeds[random.Next(seeds.Length)], random);
            var result = PduCodec.Decode(frame);
            if (result.Pdu is null)
            {
                Assert.NotEqual(CommandStatus.Ok, result.Error);
                refused++;
            }
            else
            {
                // Whatever decoded re-encodes to a PDU that decodes again to the same bytes (unknown TLVs and
                // bodies of error responses are dropped on the first pass, nothing after it).
                var once = PduCodec.Encode(result.Pdu);
                var again = PduCodec.Decode(once);
                Assert.NotNull(again.Pdu);
                Assert.Equal(once, PduCodec.Encode(again.Pdu));
                decoded++;
            }
        }

        Assert.True(refused > 0 && decoded > 0, $"refused {refused}, decoded {decoded}");
    }

    [Fact]
    public void Decode_RandomNoise_NeverThrows()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var frame = new byte[random.Next(0, 300)];
            random.NextBytes(frame);
            if (frame.Length >= 4 && random.Next(2) == 0)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
            }

            var result = PduCodec.Decode(frame);
            Assert.True(result.Pdu is not null || result.Error != CommandStatus.Ok);
        }
    }

    [Fact]
    public void Decode_LargestHostileFrame_AllocatesInProportionToTheFrame()
    {
        // A deliver_sm filled to 4 KiB with 64 maximal unknown TLVs and one message_payload: what the decoder keeps
        // is bounded by the frame it was given, never by lengths the peer claims.
        var tlvs = string.Concat(Enumerable.Repeat("7777 0030 " + new string('A', 0x30 * 2), TlvTag.MaxPerPdu - 1)) + "0424 0100 " + new string('B', 0x100 * 2);
        var frame = PduBytes.Frame(0x00000005, "00 0101 00 0101 00 000000 00 00 00000000 00", tlvs);
        PduCodec.Decode(frame); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = PduCodec.Decode(frame);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.IsType<DeliverSmPdu>(result.Pdu);
        Assert.InRange(allocated, 0, frame.Length + 2048);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var frame = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                frame = frame[..random.Next(frame.Length)];
                break;
            case 2:
                // Any octet of the body becomes NUL or 0xFF: strings end early or lose their terminator.
                if (frame.Length > 16)
                {
                    frame[random.Next(16, frame.Length)] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                }

                break;
            case 3:
                var extra = new byte[random.Next(1, 40)];
                random.NextBytes(extra);
                frame = [.. frame, .. extra];
                break;
            default:
                random.NextBytes(frame.AsSpan(16 + random.Next(Math.Max(1, frame.Length - 16))));
                break;
        }

        // Half the time keep command_length consistent, so the body decoder itself is exercised.
        if (frame.Length >= 4 && random.Next(2) == 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        }

        return frame;
    }
}
