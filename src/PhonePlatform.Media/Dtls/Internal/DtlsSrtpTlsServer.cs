using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace PhonePlatform.Media.Dtls.Internal;

/// <summary>
/// The BouncyCastle TLS server for DTLS-SRTP (RFC 5764): DTLS 1.2 only, ECDHE_ECDSA suites with our P-256
/// certificate, extended master secret (RFC 7627), a client certificate required and checked against the
/// offer's fingerprint (RFC 8122 §5), <c>use_srtp</c> negotiated, keys exported with EXTRACTOR-dtls_srtp.
/// </summary>
internal sealed class DtlsSrtpTlsServer : DefaultTlsServer
{
    private readonly DtlsCertificate certificate;
    private readonly DtlsFingerprint expectedClientFingerprint;
    private readonly DtlsSrtpServerOptions options;
    private int selectedProfile;

    public DtlsSrtpTlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint, DtlsSrtpServerOptions options)
        : base(crypto)
    {
        this.certificate = certificate;
        this.expectedClientFingerprint = expectedClientFingerprint;
        this.options = options;
    }

    public DtlsSrtpKeys? Keys { get; private set; }

    /// <summary>Raised on the handshake thread as soon as the keys exist, right after our final flight went out.</summary>
    public event Action<DtlsSrtpKeys>? KeysExported;

    public string? FailureReason { get; private set; }

    public bool CloseNotifyReceived { get; private set; }

    public event Action? ClosedByPeer;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    public override int GetHandshakeTimeoutMillis() => (int)options.HandshakeTimeout.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials()
    {
        var crypto = (BcTlsCrypto)Crypto;
        var chain = new Certificate([new BcTlsCertificate(crypto, certificate.Der.ToArray())]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, certificate.PrivateKey, chain,
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    // RFC 5763 §5: the server must request the client's certificate to compare it with a=fingerprint. Chromium
    // aborts with handshake_failure unless ecdsa_sign is listed.
    public override CertificateRequest GetCertificateRequest()
    {
        IList<SignatureAndHashAlgorithm> algorithms =
        [
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
        ];
        return new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            FailureReason = "the client sent no certificate";
            throw new TlsFatalAlert(AlertDescription.certificate_required);
        }

        if (!expectedClientFingerprint.Matches(clientCertificate.GetCertificateAt(0).GetEncoded()))
        {
            FailureReason = "the client certificate does not match the a=fingerprint of the offer";
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var useSrtp = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (useSrtp is null)
        {
            FailureReason = "the client did not offer use_srtp";
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }

        // RFC 5764 §4.1.1: the server picks one of the client's profiles; ours in our order of preference.
        selectedProfile = options.ProtectionProfiles.FirstOrDefault(p => useSrtp.ProtectionProfiles.Contains(p));
        if (selectedProfile == 0)
        {
            FailureReason = "no common SRTP protection profile";
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([selectedProfile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        // RFC 5764 §4.2: the keying material is exported with the label "EXTRACTOR-dtls_srtp" and no context.
        var length = DtlsSrtpProtectionProfile.KeyingMaterialLength(selectedProfile);
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
        Keys = new DtlsSrtpKeys(selectedProfile, material, m_context.SecurityParameters.CipherSuite);
        KeysExported?.Invoke(Keys);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        base.NotifyAlertReceived(alertLevel, alertDescription);
        if (alertDescription == AlertDescription.close_notify)
        {
            CloseNotifyReceived = true;
            ClosedByPeer?.Invoke();
        }
        else if (alertLevel == AlertLevel.fatal)
        {
            FailureReason ??= "the client sent a fatal alert: " + AlertDescription.GetText(alertDescription);
        }
    }
}
