using System.Collections.Concurrent;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Stun;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// An ICE-lite connectivity check as the engine handles it: parse, skip unknown comprehension-optional
/// attributes, verify FINGERPRINT and MESSAGE-INTEGRITY, build the success response with XOR-MAPPED-ADDRESS,
/// MESSAGE-INTEGRITY and FINGERPRINT. The request has Chromium 156's shape.
/// </summary>
[MemoryDiagnoser]
public class StunBindingBenchmarks : IDisposable
{
    private readonly IceLiteAgent agent;
    private readonly byte[] request;
    private readonly byte[] response = new byte[IceLiteAgent.MaxResponseLength];
    private readonly IPEndPoint browser = new(IPAddress.Loopback, 50_000);

    public StunBindingBenchmarks()
    {
        var local = new IceCredentials("LoCaL123", "abcdefghijklmnopqrstuvwx");
        agent = new IceLiteAgent(local, "rEmO", TimeProvider.System);
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, new byte[12]);
        writer.AddAttribute(StunAttributeType.Username, Encoding.ASCII.GetBytes("LoCaL123:rEmO"));
        writer.AddAttribute(0xC057, [0, 1, 0, 0x0A]);
        writer.AddAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4, 5, 6, 7, 8]);
        writer.AddAttribute(StunAttributeType.UseCandidate, []);
        writer.AddAttribute(StunAttributeType.Priority, [0x6e, 0, 1, 0xff]);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(local.Password));
        writer.AddFingerprint();
        request = buffer.AsSpan(0, writer.Length).ToArray();
    }

    [Benchmark(Description = "STUN binding request: parse + verify + response")]
    public int HandleCheck()
    {
        agent.HandleStun(request, browser, response, out var length);
        return length;
    }

    [Benchmark(Description = "STUN parse only")]
    public bool ParseOnly() => StunMessage.TryParse(request, out _);

    public void Dispose()
    {
        agent.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A whole DTLS-SRTP handshake in-process: our server against a BouncyCastle client over in-memory datagrams.
/// Both sides run on this machine's 2 cores, so the time is an upper bound of the server's share.
/// </summary>
[MemoryDiagnoser]
public class DtlsHandshakeBenchmarks
{
    private readonly DtlsCertificate serverCertificate = DtlsCertificate.Create();
    private readonly DtlsCertificate clientCertificate = DtlsCertificate.Create();

    [Benchmark(Description = "DTLS-SRTP handshake (server + client, ECDHE-ECDSA P-256)")]
    public async Task<int> Handshake()
    {
        var toClient = new BlockingCollection<byte[]>();
        DtlsSrtpServer? server = null;
        var link = new ClientLink(datagram => server!.DeliverDatagram(datagram), toClient);
        server = new DtlsSrtpServer(serverCertificate, clientCertificate.Fingerprint, datagram => toClient.Add(datagram.ToArray()));
        using (server)
        {
            var keys = server.HandshakeAsync();
            var transport = await Task.Run(() => new DtlsClientProtocol().Connect(new BenchmarkClient(clientCertificate), link));
            var result = await keys;
            transport.Close();
            return result.KeyingMaterial.Length;
        }
    }

    private sealed class ClientLink(Action<byte[]> toServer, BlockingCollection<byte[]> fromServer) : DatagramTransport
    {
        public int GetReceiveLimit() => 1500;

        public int GetSendLimit() => 1200;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            if (!fromServer.TryTake(out var datagram, waitMillis))
            {
                return -1;
            }

            datagram.CopyTo(buffer);
            return datagram.Length;
        }

        public void Send(byte[] buf, int off, int len) => toServer(buf.AsSpan(off, len).ToArray());

        public void Send(ReadOnlySpan<byte> buffer) => toServer(buffer.ToArray());

        public void Close()
        {
        }
    }

    private sealed class BenchmarkClient(DtlsCertificate certificate) : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
    {
        private DtlsCertificate Own => certificate;

        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

        protected override int[] GetSupportedCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            var extensions = base.GetClientExtensions();
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([0x0007, 0x0001], TlsUtilities.EmptyBytes));
            return extensions;
        }

        public override TlsAuthentication GetAuthentication() => new Authentication(this);

        private sealed class Authentication(BenchmarkClient client) : TlsAuthentication
        {
            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
            }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
            {
                var crypto = (BcTlsCrypto)client.Crypto;
                var chain = new Certificate([new BcTlsCertificate(crypto, client.Own.Der.ToArray())]);
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(client.m_context), crypto, client.Own.PrivateKey, chain,
                    SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        }
    }
}
