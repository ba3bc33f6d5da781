using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Tests.Srtp;

public class SrtpKeyingMaterialTests
{
    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 16, 14)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 16, 12)]
    public void FromDtlsExport_Rfc5764Layout_SplitsClientAndServerKeys(SrtpProfile profile, int keyLength, int saltLength)
    {
        Assert.Equal(2 * (keyLength + saltLength), SrtpKeyingMaterial.ExportLength(profile));
        var exported = Enumerable.Range(0, SrtpKeyingMaterial.ExportLength(profile)).Select(i => (byte)i).ToArray();
        var clientKey = exported[..keyLength];
        var serverKey = exported[keyLength..(2 * keyLength)];
        var clientSalt = exported[(2 * keyLength)..((2 * keyLength) + saltLength)];
        var serverSalt = exported[((2 * keyLength) + saltLength)..];

        var server = SrtpKeyingMaterial.FromDtlsExport(profile, exported, isServer: true);
        Assert.Equal(serverKey, server.LocalMasterKey.ToArray());
        Assert.Equal(serverSalt, server.LocalMasterSalt.ToArray());
        Assert.Equal(clientKey, server.RemoteMasterKey.ToArray());
        Assert.Equal(clientSalt, server.RemoteMasterSalt.ToArray());

        var client = SrtpKeyingMaterial.FromDtlsExport(profile, exported, isServer: false);
        Assert.Equal(clientKey, client.LocalMasterKey.ToArray());
        Assert.Equal(serverKey, client.RemoteMasterKey.ToArray());
        Assert.Equal(profile, client.Profile);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void CreateSessions_ClientAndServer_EachUnprotectsWhatTheOtherProtects(SrtpProfile profile)
    {
        var exported = Enumerable.Range(7, SrtpKeyingMaterial.ExportLength(profile)).Select(i => (byte)(i * 31)).ToArray();
        var server = SrtpKeyingMaterial.FromDtlsExport(profile, exported, isServer: true);
        var client = SrtpKeyingMaterial.FromDtlsExport(profile, exported, isServer: false);
        using var serverOut = server.CreateLocalSession();
        using var serverIn = server.CreateRemoteSession();
        using var clientOut = client.CreateLocalSession();
        using var clientIn = client.CreateRemoteSession();

        var (toClient, length) = SrtpTestPackets.Rtp(1);
        Assert.True(clientIn.TryUnprotectRtp(toClient, serverOut.ProtectRtp(toClient, length), out _));
        var (toServer, length2) = SrtpTestPackets.Rtp(1);
        Assert.True(serverIn.TryUnprotectRtp(toServer, clientOut.ProtectRtp(toServer, length2), out _));

        // A server's own packets do not authenticate with its remote (client) keys.
        var (own, length3) = SrtpTestPackets.Rtp(2);
        Assert.False(serverIn.TryUnprotectRtp(own, serverOut.ProtectRtp(own, length3), out _));
    }

    [Fact]
    public void FromDtlsExport_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => SrtpKeyingMaterial.FromDtlsExport(SrtpProfile.AeadAes128Gcm, new byte[60], isServer: true));
    }

    [Fact]
    public void SrtpProfile_Values_AreTheDtlsSrtpProtectionProfileIds()
    {
        // RFC 5764 §4.1.2 and RFC 7714 §14.2.
        Assert.Equal(0x0001, (int)SrtpProfile.Aes128CmHmacSha1_80);
        Assert.Equal(0x0007, (int)SrtpProfile.AeadAes128Gcm);
    }
}
