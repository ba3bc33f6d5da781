using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Tests.Srtp;

public class SrtpKeyDerivationTests
{
    // RFC 3711 Appendix B.3.
    private static readonly byte[] MasterKey = Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void Derive_Rfc3711AppendixB3CipherKey_Matches()
    {
        var key = new byte[16];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpEncryptionLabel, key);
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Hex.Of(key));
    }

    [Fact]
    public void Derive_Rfc3711AppendixB3CipherSalt_Matches()
    {
        var salt = new byte[14];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpSaltLabel, salt);
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Hex.Of(salt));
    }

    [Fact]
    public void Derive_Rfc3711AppendixB3AuthenticationKey_MatchesAll94Octets()
    {
        var auth = new byte[94];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, auth);
        var expected = Hex.Bytes("""
            CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
            E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
            6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2
            """);
        Assert.Equal(Hex.Of(expected), Hex.Of(auth));
    }

    [Fact]
    public void SessionKeysDerive_AesCm_TakesTheFirst20OctetsOfTheAuthenticationKey()
    {
        var keys = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt, rtcp: false);
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Hex.Of(keys.EncryptionKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Hex.Of(keys.Salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Hex.Of(keys.AuthenticationKey));
    }

    [Fact]
    public void SessionKeysDerive_GcmTwelveOctetSalt_PlacesLabelInOctetSevenOfThePaddedSalt()
    {
        // Cross-check value that libsrtp and webrtc-rs produce for this master key/salt (RFC 7714 §11 KDF).
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(0x40, 12).Select(i => (byte)i).ToArray();
        var keys = SrtpSessionKeys.Derive(SrtpProfile.AeadAes128Gcm, key, salt, rtcp: false);
        Assert.Equal("1FCD5D561E66DC49EC1C3CCB", Hex.Of(keys.Salt));
        Assert.Empty(keys.AuthenticationKey);
    }

    [Fact]
    public void SessionKeysDerive_RtcpLabels_DifferFromRtp()
    {
        var rtp = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt, rtcp: false);
        var rtcp = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt, rtcp: true);
        Assert.NotEqual(Hex.Of(rtp.EncryptionKey), Hex.Of(rtcp.EncryptionKey));
        Assert.NotEqual(Hex.Of(rtp.AuthenticationKey), Hex.Of(rtcp.AuthenticationKey));
        Assert.NotEqual(Hex.Of(rtp.Salt), Hex.Of(rtcp.Salt));
    }
}
