using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace PhonePlatform.Media.Dtls;

/// <summary>
/// The engine's DTLS identity: an ECDSA P-256 key and a self-signed certificate (RFC 8827 §6.5: WebRTC
/// endpoints authenticate by fingerprint, not by a CA). Create one per process or per leg; its
/// <see cref="Fingerprint"/> goes into every <c>a=fingerprint</c>.
/// </summary>
public sealed class DtlsCertificate
{
    private DtlsCertificate(AsymmetricKeyParameter privateKey, byte[] der)
    {
        PrivateKey = privateKey;
        Der = der;
        Fingerprint = DtlsFingerprint.Sha256Of(der);
    }

    /// <summary>The DER encoding of the certificate.</summary>
    public ReadOnlyMemory<byte> Der { get; }

    /// <summary>Its SHA-256 fingerprint, as SDP carries it.</summary>
    public DtlsFingerprint Fingerprint { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Generates a fresh key pair and a certificate valid from yesterday for 30 days.</summary>
    public static DtlsCertificate Create(TimeProvider? timeProvider = null)
    {
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keys = generator.GenerateKeyPair();

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var name = new X509Name("CN=PhonePlatform Media");
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(new BigInteger(62, random).Add(BigInteger.One));
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(now.AddDays(-1));
        builder.SetNotAfter(now.AddDays(30));
        builder.SetPublicKey(keys.Public);
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random));
        return new DtlsCertificate(keys.Private, certificate.GetEncoded());
    }
}
