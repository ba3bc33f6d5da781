using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PhonePlatform.Sip.IntegrationTests.Support;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.IntegrationTests.Transports;

/// <summary>TCP and TLS between two stacks on loopback: framing, connection reuse, CRLF keep-alive.</summary>
public sealed class StreamTransportTests
{
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sip.test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private static async Task<(SipStack Server, TcpSipTransport ServerTransport, SipStack Client, TcpSipTransport ClientTransport)> StartPairAsync(SipTlsOptions? serverTls, SipTlsOptions? clientTls)
    {
        var server = new SipStack();
        var serverTransport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), serverTls);
        server.AddTransport(serverTransport);
        server.RequestHandler = new TestUserAgent();
        await server.StartAsync();

        var client = new SipStack();
        var clientTransport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), clientTls);
        client.AddTransport(clientTransport);
        await client.StartAsync();
        return (server, serverTransport, client, clientTransport);
    }

    private static async Task<SipResponse> SendOptionsAsync(SipStack client, SipTransportKind kind, IPEndPoint server)
    {
        var options = client.CreateRequest(SipMethods.Options, SipUri.Parse($"sip:ping@{server}"), SipNameAddress.Parse("<sip:client@127.0.0.1>"), SipNameAddress.Parse($"<sip:ping@{server}>"));
        var transaction = await client.SendRequestAsync(options, new SipEndPoint(kind, server));
        return await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Options_OverTcp_AnsweredOnTheSameReusedConnection()
    {
        var (server, serverTransport, client, clientTransport) = await StartPairAsync(null, null);
        await using (server)
        await using (client)
        {
            Assert.Equal(200, (await SendOptionsAsync(client, SipTransportKind.Tcp, serverTransport.LocalEndPoint)).StatusCode);
            Assert.Equal(200, (await SendOptionsAsync(client, SipTransportKind.Tcp, serverTransport.LocalEndPoint)).StatusCode);

            Assert.Equal(1, clientTransport.ConnectionCount);
            Assert.Equal(1, serverTransport.ConnectionCount);
        }
    }

    [Fact]
    public async Task Options_OverTls_HandshakesAndIsAnswered()
    {
        using var certificate = SelfSignedCertificate();
        var serverTls = new SipTlsOptions { Server = new SslServerAuthenticationOptions { ServerCertificate = certificate } };
        var expectedThumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var clientTls = new SipTlsOptions
        {
            Client = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == expectedThumbprint,
            },
        };
        var (server, serverTransport, client, _) = await StartPairAsync(serverTls, clientTls);
        await using (server)
        await using (client)
        {
            var response = await SendOptionsAsync(client, SipTransportKind.Tls, serverTransport.LocalEndPoint);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal("TLS", response.TopVia!.Transport);
        }
    }

    [Fact]
    public async Task Tls_UntrustedServerCertificate_RequestFailsWith503()
    {
        using var certificate = SelfSignedCertificate();
        var serverTls = new SipTlsOptions { Server = new SslServerAuthenticationOptions { ServerCertificate = certificate } };
        var (server, serverTransport, client, _) = await StartPairAsync(serverTls, new SipTlsOptions());
        await using (server)
        await using (client)
        {
            var response = await SendOptionsAsync(client, SipTransportKind.Tls, serverTransport.LocalEndPoint);

            Assert.Equal(503, response.StatusCode);
        }
    }

    [Fact]
    public async Task CrlfPing_OverTcp_IsAnsweredWithPong()
    {
        var (server, serverTransport, client, _) = await StartPairAsync(null, null);
        await using (server)
        await using (client)
        {
            using var raw = new TcpClient();
            await raw.ConnectAsync(serverTransport.LocalEndPoint);
            var stream = raw.GetStream();
            await stream.WriteAsync("\r\n\r\n"u8.ToArray());

            var pong = new byte[2];
            await stream.ReadExactlyAsync(pong).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal("\r\n"u8.ToArray(), pong);
        }
    }

    [Fact]
    public async Task MessagesSplitAcrossSegments_AreReassembledByContentLength()
    {
        var (server, serverTransport, client, _) = await StartPairAsync(null, null);
        await using (server)
        await using (client)
        {
            using var raw = new TcpClient();
            await raw.ConnectAsync(serverTransport.LocalEndPoint);
            var stream = raw.GetStream();
            var local = (IPEndPoint)raw.Client.LocalEndPoint!;
            var options = System.Text.Encoding.ASCII.GetBytes(
                $"OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP {local};branch=z9hG4bKsplit\r\nMax-Forwards: 70\r\nFrom: <sip:raw@127.0.0.1>;tag=1\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: split@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");

            // Two messages back to back, delivered in awkward pieces.
            byte[] twice = [.. options, .. System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(options).Replace("z9hG4bKsplit", "z9hG4bKsplit2", StringComparison.Ordinal))];
            foreach (var chunk in twice.Chunk(37))
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
            }

            var reader = new StreamReader(stream);
            var statusLines = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (statusLines < 2)
            {
                var line = await reader.ReadLineAsync(timeout.Token);
                if (line?.StartsWith("SIP/2.0 200", StringComparison.Ordinal) == true)
                {
                    statusLines++;
                }
            }

            Assert.Equal(2, statusLines);
        }
    }
}
