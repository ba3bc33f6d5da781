using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Tests.Srtp;

public class SrtpVectorTests
{
    // RFC 7714 §16 and §17: AEAD_AES_128_GCM with the session key and salt stated directly.
    private static readonly byte[] GcmKey = Hex.Bytes("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] GcmSalt = Hex.Bytes("517569642070726f2071756f");

    private const string Rfc7714RtpPlain = """
        8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973
        20646976 69736120 696e2070 61727465 73207472 6573
        """;

    // §16.1.1: header || ciphertext || tag.
    private const string Rfc7714RtpProtected = """
        8040f17b 8041f8d3 5501a0b2
        f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833
        899d7f27 beb16a91 52cf765e e4390cce
        """;

    private const string Rfc7714RtcpPlain = """
        81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef deadbeef
        """;

    // §17.1.1: header || ciphertext || tag || E=1 || SRTCP index 0x5d4.
    private const string Rfc7714RtcpProtected = """
        81c8000d 4d617273
        63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b
        c84aa458 96cf4d2f c5abf872 45d9eade
        800005d4
        """;

    // §17.3: authenticated but not encrypted (E=0): packet || tag || index.
    private const string Rfc7714RtcpAuthenticatedOnly = Rfc7714RtcpPlain + """
        841dd968 3dd78ec9 2ae58790 125f62b3
        000005d4
        """;

    // libsrtp's reference packets (test/srtp_driver.c), from the RFC 3711 B.3 master key: interop with libsrtp.
    private static readonly byte[] LibsrtpMasterKey = Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] LibsrtpMasterSalt = Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6");
    private const string LibsrtpRtpPlain = "800f1234 decafbad cafebabe abababab abababab abababab abababab";
    private const string LibsrtpRtpProtected = "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb";
    private const string LibsrtpRtcpPlain = "81c8000b cafebabe abababab abababab abababab abababab";
    private const string LibsrtpRtcpProtected = "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798";

    private static SrtpSession Rfc7714Session()
    {
        var keys = new SrtpSessionKeys(GcmKey, GcmSalt, []);
        return new SrtpSession(SrtpProfile.AeadAes128Gcm, keys, keys);
    }

    private static (byte[] Buffer, int Length) Buffered(string hex)
    {
        var bytes = Hex.Bytes(hex);
        var buffer = new byte[bytes.Length + SrtpSession.MaxProtectOverhead];
        bytes.CopyTo(buffer, 0);
        return (buffer, bytes.Length);
    }

    [Fact]
    public void ProtectRtp_Rfc7714Section16Vector_MatchesCiphertextAndTag()
    {
        using var session = Rfc7714Session();
        var (buffer, length) = Buffered(Rfc7714RtpPlain);
        var protectedLength = session.ProtectRtp(buffer, length);
        Assert.Equal(Hex.Of(Hex.Bytes(Rfc7714RtpProtected)), Hex.Of(buffer.AsSpan(0, protectedLength)));
    }

    [Fact]
    public void TryUnprotectRtp_Rfc7714Section16Vector_RecoversPlaintext()
    {
        using var session = Rfc7714Session();
        var (buffer, length) = Buffered(Rfc7714RtpProtected);
        Assert.True(session.TryUnprotectRtp(buffer, length, out var plainLength));
        Assert.Equal(Hex.Of(Hex.Bytes(Rfc7714RtpPlain)), Hex.Of(buffer.AsSpan(0, plainLength)));
    }

    [Fact]
    public void ProtectRtcp_Rfc7714Section17Vector_MatchesCiphertextTagAndIndex()
    {
        using var session = Rfc7714Session();
        session.SetNextSrtcpIndex(0x4d617273, 0x5d4);
        var (buffer, length) = Buffered(Rfc7714RtcpPlain);
        var protectedLength = session.ProtectRtcp(buffer, length);
        Assert.Equal(Hex.Of(Hex.Bytes(Rfc7714RtcpProtected)), Hex.Of(buffer.AsSpan(0, protectedLength)));
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714Section17Vector_RecoversPlaintext()
    {
        using var session = Rfc7714Session();
        var (buffer, length) = Buffered(Rfc7714RtcpProtected);
        Assert.True(session.TryUnprotectRtcp(buffer, length, out var plainLength));
        Assert.Equal(Hex.Of(Hex.Bytes(Rfc7714RtcpPlain)), Hex.Of(buffer.AsSpan(0, plainLength)));
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714Section17AuthenticatedOnlyVector_Verifies()
    {
        using var session = Rfc7714Session();
        var (buffer, length) = Buffered(Rfc7714RtcpAuthenticatedOnly);
        Assert.True(session.TryUnprotectRtcp(buffer, length, out var plainLength));
        Assert.Equal(Hex.Of(Hex.Bytes(Rfc7714RtcpPlain)), Hex.Of(buffer.AsSpan(0, plainLength)));
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714AuthenticatedOnlyWithFlippedPayloadBit_FailsAuthentication()
    {
        using var session = Rfc7714Session();
        var (buffer, length) = Buffered(Rfc7714RtcpAuthenticatedOnly);
        buffer[20] ^= 0x01;
        Assert.False(session.TryUnprotectRtcp(buffer, length, out _));
        Assert.Equal(1, session.AuthenticationFailures);
    }

    [Fact]
    public void ProtectRtp_LibsrtpReferencePacket_MatchesLibsrtp()
    {
        using var session = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, LibsrtpMasterKey, LibsrtpMasterSalt);
        var (buffer, length) = Buffered(LibsrtpRtpPlain);
        var protectedLength = session.ProtectRtp(buffer, length);
        Assert.Equal(Hex.Of(Hex.Bytes(LibsrtpRtpProtected)), Hex.Of(buffer.AsSpan(0, protectedLength)));
    }

    [Fact]
    public void TryUnprotectRtp_LibsrtpReferencePacket_RecoversPlaintext()
    {
        using var session = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, LibsrtpMasterKey, LibsrtpMasterSalt);
        var (buffer, length) = Buffered(LibsrtpRtpProtected);
        Assert.True(session.TryUnprotectRtp(buffer, length, out var plainLength));
        Assert.Equal(Hex.Of(Hex.Bytes(LibsrtpRtpPlain)), Hex.Of(buffer.AsSpan(0, plainLength)));
    }

    [Fact]
    public void ProtectRtcp_LibsrtpReferencePacket_MatchesLibsrtp()
    {
        using var session = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, LibsrtpMasterKey, LibsrtpMasterSalt);
        session.SetNextSrtcpIndex(0xcafebabe, 1);
        var (buffer, length) = Buffered(LibsrtpRtcpPlain);
        var protectedLength = session.ProtectRtcp(buffer, length);
        Assert.Equal(Hex.Of(Hex.Bytes(LibsrtpRtcpProtected)), Hex.Of(buffer.AsSpan(0, protectedLength)));
    }

    [Fact]
    public void TryUnprotectRtcp_LibsrtpReferencePacket_RecoversPlaintext()
    {
        using var session = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, LibsrtpMasterKey, LibsrtpMasterSalt);
        var (buffer, length) = Buffered(LibsrtpRtcpProtected);
        Assert.True(session.TryUnprotectRtcp(buffer, length, out var plainLength));
        Assert.Equal(Hex.Of(Hex.Bytes(LibsrtpRtcpPlain)), Hex.Of(buffer.AsSpan(0, plainLength)));
    }
}
