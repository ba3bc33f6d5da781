using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Tests.Srtp;

#pragma warning disable CA5350 // RFC 3711 mandates HMAC-SHA1; the BCL's is the reference here.
public class HmacSha1Tests
{
    public static TheoryData<string> Implementations => ["managed", "openssl"];

    [Fact]
    public void OpenSsl_IsAvailableOnThisMachine_SoTheFastPathIsTested()
    {
        Assert.True(OpenSslHmacSha1.IsAvailable);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Compute_Rfc2202TestCases_MatchDigests(string implementation)
    {
        // RFC 2202 §3, test cases 1, 2 and 6 (a 80-octet key is longer than SRTP uses; case 6 stays within 64 by design: skipped).
        Assert.Equal("B617318655057264E28BC0B6FB378C8EF146BE00", Mac(implementation, Enumerable.Repeat((byte)0x0B, 20).ToArray(), "Hi There"));
        Assert.Equal("EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79", Mac(implementation, Encoding.ASCII.GetBytes("Jefe"), "what do ya want for nothing?"));
        Assert.Equal("4C9007F4026250C6BC8414F9BF50C86C2D7235DA", Mac(implementation, Enumerable.Range(1, 25).Select(i => (byte)i).ToArray(), new string('\u00CD', 50), latin1: true));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Compute_RandomKeysLengthsAndSplits_MatchesBclHmacSha1(string implementation)
    {
        var random = new Random(2104);
        Span<byte> tag = stackalloc byte[20];
        for (var i = 0; i < 3000; i++)
        {
            var key = new byte[random.Next(0, 65)];
            random.NextBytes(key);
            var message = new byte[random.Next(0, 1600)];
            random.NextBytes(message);
            var split = random.Next(0, message.Length + 1);
            var mac = Create(implementation, key);

            mac.Compute(message.AsSpan(0, split), message.AsSpan(split), tag);

            Assert.Equal(HMACSHA1.HashData(key, message), tag.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Compute_TruncatedTag_IsThePrefix(string implementation)
    {
        var key = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        var message = new byte[176];
        Span<byte> tag = stackalloc byte[10];
        Create(implementation, key).Compute(message.AsSpan(0, 172), message.AsSpan(172), tag);
        Assert.Equal(HMACSHA1.HashData(key, message).AsSpan(0, 10).ToArray(), tag.ToArray());
    }

    private static HmacSha1 Create(string implementation, byte[] key) =>
        implementation == "managed" ? new ManagedHmacSha1(key) : new OpenSslHmacSha1(key);

    private static string Mac(string implementation, byte[] key, string data, bool latin1 = false)
    {
        var bytes = latin1 ? Encoding.Latin1.GetBytes(data) : Encoding.ASCII.GetBytes(data);
        var tag = new byte[20];
        Create(implementation, key).Compute(bytes.AsSpan(0, bytes.Length / 2), bytes.AsSpan(bytes.Length / 2), tag);
        return Hex.Of(tag);
    }
}
#pragma warning restore CA5350
