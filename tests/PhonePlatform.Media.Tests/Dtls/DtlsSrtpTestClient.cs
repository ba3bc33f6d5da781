using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using PhonePlatform.Media.Dtls;

namespace PhonePlatform.Media.Tests.Dtls;

/// <summary>
/// A DTLS-SRTP client built on BouncyCastle's <c>DtlsClientProtocol</c>, playing the browser: it offers
/// use_srtp profiles, presents its own certificate and checks the server's against a fingerprint.
/// </summary>
internal sealed class DtlsSrtpTestClient : DefaultTlsClient
{
    private readonly DtlsCertificate ownCertificate;
    private readonly DtlsFingerprint expectedServer;
    private readonly int[] profiles;

    public DtlsSrtpTestClient(DtlsCertificate ownCertificate, DtlsFingerprint expectedServer, params int[] profiles)
        : base(new BcTlsCrypto(new SecureRandom()))
    {
        this.ownCertificate = ownCertificate;
        this.expectedServer = expectedServer;
        this.profiles = profiles;
    }

    public byte[]? KeyingMaterial { get; private set; }

    public int SelectedProfile { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

    public int HandshakeTimeoutMillis { get; init; } = 10_000;

    public override int GetHandshakeTimeoutMillis() => HandshakeTimeoutMillis;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        SelectedProfile = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions).ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        KeyingMaterial = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, DtlsSrtpProtectionProfile.KeyingMaterialLength(SelectedProfile));
    }

    private sealed class Authentication(DtlsSrtpTestClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            if (!client.expectedServer.Matches(serverCertificate.Certificate.GetCertificateAt(0).GetEncoded()))
            {
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
        {
            var crypto = (BcTlsCrypto)client.Crypto;
            var chain = new Certificate([new BcTlsCertificate(crypto, client.ownCertificate.Der.ToArray())]);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(client.m_context), crypto, client.ownCertificate.PrivateKey, chain,
                SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }
}
