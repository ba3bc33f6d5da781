using PhonePlatform.Media.Stun;

namespace PhonePlatform.Media.Tests.Stun;

public sealed class StunHostileInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0001000021")]
    // Top bits set (RFC 8489 §6: the two most significant bits must be zero).
    [InlineData("c00100002112a442b7e7a701bc34d686fa87dfae")]
    // Wrong magic cookie.
    [InlineData("000100002112a443b7e7a701bc34d686fa87dfae")]
    // Length not a multiple of 4.
    [InlineData("000100022112a442b7e7a701bc34d686fa87dfae0000")]
    // Length larger than the datagram.
    [InlineData("000100082112a442b7e7a701bc34d686fa87dfae00060004")]
    // Attribute value running past the end.
    [InlineData("000100082112a442b7e7a701bc34d686fa87dfae0006000861626364")]
    // Attribute after FINGERPRINT.
    [InlineData("000100102112a442b7e7a701bc34d686fa87dfae802800040000000000060000")]
    // MESSAGE-INTEGRITY of the wrong length.
    [InlineData("000100082112a442b7e7a701bc34d686fa87dfae0008000461626364")]
    public void TryParse_MalformedDatagram_IsRefused(string hex)
    {
        Assert.False(StunMessage.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void TryParse_EveryTruncationOfTheSampleRequest_IsRefused()
    {
        var vector = Rfc5769Vectors.SampleRequest;
        for (var length = 0; length < vector.Length; length++)
        {
            Assert.False(StunMessage.TryParse(vector.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryParse_SeededMutationsOfValidMessages_NeverThrowAndNeverVerifyWithoutTheKey()
    {
        var random = new Random(5769);
        byte[][] seeds = [Rfc5769Vectors.SampleRequest, Rfc5769Vectors.SampleIPv4Response, Rfc5769Vectors.SampleIPv6Response];
        var wrongKey = "not-the-password-at-all"u8.ToArray();
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = Mutate(seeds[i % seeds.Length], random);
            if (!StunMessage.TryParse(mutated, out var message))
            {
                continue;
            }

            parsed++;
            // Every accessor must be safe on whatever passed the structural checks.
            message.TryGetAttribute(StunAttributeType.Username, out _);
            message.TryGetXorMappedAddress(out _);
            message.FindUnknownComprehensionRequired([StunAttributeType.Username]);
            message.HasValidFingerprint();
            Assert.False(message.HasValidMessageIntegrity(wrongKey));
        }

        Assert.True(parsed > 0, "some mutations should keep the structure valid");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(4))
            {
                case 0 when data.Count > 0:
                    data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data.RemoveRange(random.Next(data.Count), 1);
                    break;
                case 2:
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                    break;
                default:
                    if (data.Count > 4)
                    {
                        data[random.Next(data.Count)] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return [.. data];
    }
}
