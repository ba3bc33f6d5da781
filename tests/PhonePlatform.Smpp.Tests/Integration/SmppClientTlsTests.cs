using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhonePlatform.Smpp.Tests.Integration;

/// <summary>SMPP over TLS against the simulator's TLS listener, with a certificate made for the test.</summary>
public sealed class SmppClientTlsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("smpp-tls-").FullName;
    private readonly X509Certificate2 certificate;

    public SmppClientTlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public async Task SubmitAsync_OverTls_ReturnsMessageId()
    {
        await using var smsc = await SmscSimulator.StartAsync(Path.Combine(directory, "key.pem"), Path.Combine(directory, "cert.pem"));
        var options = smsc.ClientOptions();
        var expected = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            UseTls = true,
            TlsOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                // Pinned: the test's own self-signed certificate and nothing else.
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == expected,
            },
        });
        await client.StartAsync();

        var result = await client.SubmitAsync(new SmsSubmission(
            SmppAddress.Alphanumeric("Acme"), SmppAddress.International("+4930123456"), "over TLS"));

        Assert.True(result.Succeeded, result.Error?.StatusName);
        var submitted = Assert.Single((await smsc.StatsAsync()).Messages);
        Assert.Equal(("Acme", 5, 0), (submitted.Source, submitted.SourceTon, submitted.SourceNpi));
    }

    [Fact]
    public async Task StartAsync_UntrustedCertificate_Fails()
    {
        await using var smsc = await SmscSimulator.StartAsync(Path.Combine(directory, "key.pem"), Path.Combine(directory, "cert.pem"));
        var options = smsc.ClientOptions();
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            UseTls = true,
            TlsOptions = new SslClientAuthenticationOptions { TargetHost = "localhost" },
        });

        await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(() => client.StartAsync());
        Assert.Equal(0, (await smsc.StatsAsync()).BindAttempts);
    }

    public void Dispose()
    {
        certificate.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
