using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Tests.Srtp;

/// <summary>
/// The hand-written AES-NI / PCLMULQDQ code against the BCL (OpenSSL) over thousands of random keys, nonces and
/// lengths, plus a FIPS 197 vector and tamper checks. The RFC 3711 and RFC 7714 vectors in
/// <see cref="SrtpVectorTests"/> and <see cref="AesCounterModeTests"/> run through the same code on this CPU.
/// </summary>
public class SrtpIntrinsicsDifferentialTests
{
    private const int Iterations = 3000;

    [Fact]
    public void ThisMachine_HasTheIntrinsics_SoTheFastPathIsWhatTheVectorsTest()
    {
        // The benchmark machine and CI have AES-NI and PCLMULQDQ; without them these tests would compare the BCL with itself.
        Assert.True(Aes128Ni.IsSupported && GcmCipher.IntrinsicsSupported);
    }

    [Fact]
    public void Encrypt_Fips197AppendixC1_MatchesCiphertext()
    {
        var aes = new Aes128Ni(Hex.Bytes("000102030405060708090a0b0c0d0e0f"));
        var output = aes.Encrypt(Vector128.Create(Hex.Bytes("00112233445566778899aabbccddeeff")));
        Assert.Equal("69C4E0D86A7B0430D8CDB78070B4C55A", Hex.Of(AsBytes(output)));
    }

    [Fact]
    public void Encrypt_RandomKeysAndBlocks_MatchesBclEcb()
    {
        var random = new Random(197);
        using var reference = Aes.Create();
        for (var i = 0; i < Iterations; i++)
        {
            var key = Bytes(random, 16);
            var blocks = Bytes(random, 16 * random.Next(1, 8));
            reference.Key = key;
            var expected = reference.EncryptEcb(blocks, PaddingMode.None);
            var aes = new Aes128Ni(key);
            for (var b = 0; b < blocks.Length; b += 16)
            {
                Assert.Equal(expected.AsSpan(b, 16).ToArray(), AsBytes(aes.Encrypt(Vector128.Create(blocks.AsSpan(b, 16)))));
            }
        }
    }

    [Fact]
    public void CounterMode_RandomKeysIvsAndLengths_MatchesTheEcbImplementation()
    {
        var random = new Random(3711);
        for (var i = 0; i < Iterations; i++)
        {
            var key = Bytes(random, 16);
            var iv = Bytes(random, 16);
            iv[14] = 0;
            iv[15] = random.Next(4) == 0 ? (byte)0 : (byte)0xF0; // near the end of the low 16 bits too
            var data = Bytes(random, random.Next(0, 1500));
            var viaNi = data.ToArray();
            var viaEcb = data.ToArray();
            using (var fast = new AesCounterMode(key))
            using (var slow = new AesCounterMode(key, useIntrinsics: false))
            {
                fast.Apply(iv, viaNi);
                slow.Apply(iv, viaEcb);
            }

            Assert.Equal(viaEcb, viaNi);
        }
    }

    [Fact]
    public void CounterMode_ManyBlocks_WrapsInside16BitsLikeTheEcbImplementation()
    {
        var key = Hex.Bytes("2B7E151628AED2A6ABF7158809CF4F3C");
        var iv = Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF00");
        var viaNi = new byte[600 * 16];
        var viaEcb = new byte[600 * 16];
        using (var fast = new AesCounterMode(key))
        using (var slow = new AesCounterMode(key, useIntrinsics: false))
        {
            fast.Generate(iv, viaNi);
            slow.Generate(iv, viaEcb);
        }

        Assert.Equal(viaEcb, viaNi);
    }

    [Fact]
    public void Gcm_RandomKeysNoncesAadAndLengths_MatchesBclAesGcmBothWays()
    {
        var random = new Random(7714);
        for (var i = 0; i < Iterations; i++)
        {
            var key = Bytes(random, 16);
            var nonce = Bytes(random, 12);
            var aad = Bytes(random, random.Next(0, 100));
            var plain = Bytes(random, random.Next(0, 1500));
            using var fast = GcmCipher.Create(key);
            using var reference = new AesGcm(key, 16);

            var expected = new byte[plain.Length];
            var expectedTag = new byte[16];
            reference.Encrypt(nonce, plain, expected, expectedTag, aad);
            var actual = plain.ToArray();
            var tag = new byte[16];
            fast.Encrypt(nonce, actual, tag, aad);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedTag, tag);

            Assert.True(fast.TryDecrypt(nonce, actual, tag, aad));
            Assert.Equal(plain, actual);
        }
    }

    [Fact]
    public void Gcm_AnyFlippedBitInCiphertextTagAadOrNonce_IsRefusedAndLeavesCiphertext()
    {
        var random = new Random(38);
        for (var i = 0; i < 500; i++)
        {
            var key = Bytes(random, 16);
            var nonce = Bytes(random, 12);
            var aad = Bytes(random, random.Next(1, 40));
            var data = Bytes(random, random.Next(1, 300));
            var tag = new byte[16];
            using var gcm = GcmCipher.Create(key);
            gcm.Encrypt(nonce, data, tag, aad);

            var target = random.Next(4) switch { 0 => data, 1 => tag, 2 => aad, _ => nonce };
            target[random.Next(target.Length)] ^= (byte)(1 << random.Next(8));
            var before = data.ToArray();
            Assert.False(gcm.TryDecrypt(nonce, data, tag, aad));
            Assert.Equal(before, data);
        }
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] AsBytes(Vector128<byte> block)
    {
        var bytes = new byte[16];
        block.CopyTo(bytes);
        return bytes;
    }
}
