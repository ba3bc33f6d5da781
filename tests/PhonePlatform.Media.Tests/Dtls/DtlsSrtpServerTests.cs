using Org.BouncyCastle.Tls;
using PhonePlatform.Media.Dtls;

namespace PhonePlatform.Media.Tests.Dtls;

public sealed class DtlsSrtpServerTests
{
    private static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Create();
    private static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Create();

    [Theory]
    [InlineData(new[] { 0x0001 }, 0x0001, 60)]
    [InlineData(new[] { 0x0001, 0x0007 }, 0x0007, 56)]
    [InlineData(new[] { 0x0008, 0x0007, 0x0001 }, 0x0007, 56)]
    public async Task HandshakeAsync_BouncyCastleClient_AgreesProfileAndExportsSameKeys(int[] offered, int expectedProfile, int keyLength)
    {
        var (server, client, link) = Connect(ClientCertificate.Fingerprint, offered);
        using (server)
        {
            var serverKeys = server.HandshakeAsync();
            var clientTransport = await Task.Run(() => new DtlsClientProtocol().Connect(client, link));

            var keys = await serverKeys.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(expectedProfile, keys.ProtectionProfile);
            Assert.Equal(expectedProfile, client.SelectedProfile);
            Assert.Equal(keyLength, keys.KeyingMaterial.Length);
            Assert.Equal(client.KeyingMaterial, keys.KeyingMaterial.ToArray());
            Assert.Equal(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, keys.CipherSuite);
            clientTransport.Close();
        }
    }

    [Fact]
    public async Task HandshakeAsync_ClientCertificateNotTheOfferedOne_FailsWithReason()
    {
        var (server, client, link) = Connect(DtlsCertificate.Create().Fingerprint, [0x0001]);
        using (server)
        {
            var serverKeys = server.HandshakeAsync();
            _ = Task.Run(() =>
            {
                try
                {
                    new DtlsClientProtocol().Connect(client, link);
                }
                catch (TlsFatalAlertReceived)
                {
                    // Expected: the server refuses our certificate.
                }
                catch (IOException)
                {
                    // Or the link stops answering.
                }
            });

            var failure = await Assert.ThrowsAsync<DtlsHandshakeException>(() => serverKeys.WaitAsync(TimeSpan.FromSeconds(20)));

            Assert.Contains("fingerprint", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HandshakeAsync_NoCommonProfile_Fails()
    {
        var (server, client, link) = Connect(ClientCertificate.Fingerprint, [0x0002]);
        using (server)
        {
            var serverKeys = server.HandshakeAsync();
            _ = Task.Run(() =>
            {
                try
                {
                    new DtlsClientProtocol().Connect(client, link);
                }
                catch (TlsFatalAlertReceived)
                {
                    // Expected.
                }
            });

            var failure = await Assert.ThrowsAsync<DtlsHandshakeException>(() => serverKeys.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("profile", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HandshakeAsync_PeerSilent_TimesOut()
    {
        using var server = new DtlsSrtpServer(ServerCertificate, ClientCertificate.Fingerprint, _ => { },
            new DtlsSrtpServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });

        var failure = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.HandshakeAsync().WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("timed out", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandshakeAsync_ClientFlightLostOnce_CompletesByRetransmission()
    {
        var (server, client, link) = Connect(ClientCertificate.Fingerprint, [0x0001]);
        using (server)
        {
            var dropped = 0;
            // Drop the first datagram of the client's Certificate/ClientKeyExchange flight once: the client retransmits the
            // flight on its timer and the server must reassemble it.
            link.DropToServer = datagram => datagram[0] == 22 && datagram.Length > 300 && Interlocked.Increment(ref dropped) == 1;
            var serverKeys = server.HandshakeAsync();
            var clientTransport = await Task.Run(() => new DtlsClientProtocol().Connect(client, link));

            var keys = await serverKeys.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(dropped >= 1);
            Assert.Equal(client.KeyingMaterial, keys.KeyingMaterial.ToArray());
            clientTransport.Close();
        }
    }

    [Fact]
    public async Task HandshakeAsync_Completed_ReleasesItsThreadAndStillHandlesTheClientsCloseNotify()
    {
        var (server, client, link) = Connect(ClientCertificate.Fingerprint, [0x0007]);
        using (server)
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.Closed += () => closed.TrySetResult();
            var serverKeys = server.HandshakeAsync();
            var clientTransport = await Task.Run(() => new DtlsClientProtocol().Connect(client, link));
            await serverKeys.WaitAsync(TimeSpan.FromSeconds(20));

            // The handshake thread ends with the handshake: no thread per established association.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (server.HoldsThread && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.False(server.HoldsThread);

            // After the handshake BouncyCastle still sees what arrives: the client's close_notify raises Closed.
            clientTransport.Close();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task DeliverDatagram_GarbageBeforeHandshake_IsSurvived()
    {
        var (server, client, link) = Connect(ClientCertificate.Fingerprint, [0x0001]);
        using (server)
        {
            var serverKeys = server.HandshakeAsync();
            server.DeliverDatagram([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
            server.DeliverDatagram([23, 1, 2, 3]);
            server.DeliverDatagram(new byte[1400]);
            var clientTransport = await Task.Run(() => new DtlsClientProtocol().Connect(client, link));

            var keys = await serverKeys.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(client.KeyingMaterial, keys.KeyingMaterial.ToArray());
            clientTransport.Close();
        }
    }

    [Fact]
    public void Fingerprint_OfCreatedCertificate_IsSha256InUppercaseHexPairs()
    {
        var text = ServerCertificate.Fingerprint.ToString();

        Assert.Matches("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$", text);
        Assert.True(DtlsFingerprint.TryParse(text, out var parsed));
        Assert.True(parsed.Matches(ServerCertificate.Der.Span));
        Assert.False(parsed.Matches(ClientCertificate.Der.Span));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("md5 AB:CD")]
    [InlineData("sha-256 AB:CD")]
    [InlineData("sha-256 ZZ:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB")]
    public void TryParse_MalformedFingerprint_IsRefused(string? text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out _));
    }

    private static (DtlsSrtpServer Server, DtlsSrtpTestClient Client, InMemoryDatagramLink Link) Connect(DtlsFingerprint expectedClient, int[] profiles)
    {
        InMemoryDatagramLink? link = null;
        DtlsSrtpServer? server = null;
        link = new InMemoryDatagramLink(datagram => server!.DeliverDatagram(datagram));
        server = new DtlsSrtpServer(ServerCertificate, expectedClient, datagram => link.DeliverFromServer(datagram));
        var client = new DtlsSrtpTestClient(ClientCertificate, ServerCertificate.Fingerprint, profiles);
        return (server, client, link);
    }
}
