using System.Net;
using System.Net.Sockets;
using System.Text;
using Org.BouncyCastle.Tls;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Stun;
using PhonePlatform.Media.Tests.Dtls;
using PhonePlatform.Media.Tests.Sdp;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Media.IntegrationTests.WebRtc;

/// <summary>A leg on a real loopback socket, with a BouncyCastle DTLS client and hand-made STUN checks as the browser.</summary>
public sealed class WebRtcLegUdpTests
{
    internal const string BrowserUfrag = "MupT";
    private static readonly MediaPortAllocator Ports = new(42_000, 42_999);
    private static readonly DtlsCertificate EngineCertificate = DtlsCertificate.Create();
    private static readonly DtlsCertificate BrowserCertificate = DtlsCertificate.Create();

    [Fact]
    public async Task Leg_StunCheckThenDtls_ConnectsWithSameKeysAsClient()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out var answer, out var error), error);
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);

        var stunAnswer = SendCheck(socket, leg, useCandidate: true);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0007, 0x0001);
        var transport = await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));
        var keys = await leg.Connected.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(StunMessage.TryParse(stunAnswer, out var response));
        Assert.Equal(StunMessageType.BindingSuccessResponse, response.Type);
        Assert.True(response.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(socket.LocalEndPoint, mapped);
        Assert.Equal(0x0007, keys.ProtectionProfile);
        Assert.Equal(client.KeyingMaterial, keys.KeyingMaterial.ToArray());
        Assert.Equal(socket.LocalEndPoint, leg.RemoteEndPoint);
        Assert.Contains("a=fingerprint:" + EngineCertificate.Fingerprint, answer, StringComparison.Ordinal);
        transport.Close();
    }

    [Fact]
    public async Task Leg_DtlsBeforeAnyStunCheck_IsDroppedAndCounted()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0001) { HandshakeTimeoutMillis = 1500 };

        var attempt = Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));

        await Assert.ThrowsAnyAsync<Exception>(() => attempt.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(leg.Counters.DtlsDroppedUnverifiedSource > 0);
        Assert.False(leg.Connected.IsCompleted);
    }

    [Fact]
    public async Task Leg_GarbageAndTruncatedDatagrams_AreCountedAndTheLegStillConnects()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        var random = new Random(7983);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(1, 300)];
            random.NextBytes(junk);
            socket.Send(junk);
        }

        socket.Send(SendCheck(socket, leg, useCandidate: true, sendOnly: true).AsSpan(0, 30)); // a truncated check
        SendCheck(socket, leg, useCandidate: true);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0001);
        var transport = await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));
        var keys = await leg.Connected.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(client.KeyingMaterial, keys.KeyingMaterial.ToArray());
        var counted = leg.Counters.StunDropped + leg.Counters.UnknownDropped + leg.Counters.DtlsDroppedUnverifiedSource + leg.Counters.RtpDropped;
        Assert.True(counted >= 150, $"counted {counted}");
        transport.Close();
    }

    [Fact]
    public async Task Leg_ConnectedThenReplayedTamperedTruncatedAndGarbageSrtp_DropsAndCountsThemAndKeepsReceiving()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        var ended = false;
        leg.Ended += _ => ended = true;
        var delivered = new List<ushort>();
        leg.RtpReceived += packet =>
        {
            lock (delivered)
            {
                delivered.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet[2..]));
            }
        };
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        SendCheck(socket, leg, useCandidate: true);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0001);
        var transport = await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(20));
        using var browser = SrtpKeyingMaterial.FromDtlsExport(SrtpProfile.Aes128CmHmacSha1_80, client.KeyingMaterial, isServer: false).CreateLocalSession();
        byte[] Protected(ushort sequence)
        {
            var packet = new byte[172 + SrtpSession.MaxProtectOverhead];
            var length = RtpPacketWriter.Write(packet, 0, sequence, sequence * 160u, 0x5EED, new byte[160]);
            return packet.AsSpan(0, browser.ProtectRtp(packet, length)).ToArray();
        }

        var replaysBefore = MediaDrops.Read(MediaDropReason.Replay);
        var forgeriesBefore = MediaDrops.Read(MediaDropReason.AuthenticationFailure);
        var malformedBefore = MediaDrops.Read(MediaDropReason.Malformed);
        var first = Protected(1);
        socket.Send(first);
        socket.Send(first);                                  // replayed
        socket.Send(first.AsSpan(0, 20));                    // truncated: no room for the tag
        var tampered = Protected(2);
        tampered[40] ^= 1;
        socket.Send(tampered);                               // fails authentication
        var random = new Random(3711);
        for (var i = 0; i < 100; i++)
        {
            var junk = new byte[random.Next(1, 400)];
            random.NextBytes(junk);
            junk[0] = (byte)(i % 2 == 0 ? 0x80 : random.Next(256)); // half of it looks like RTP
            socket.Send(junk);
        }

        socket.Send(Protected(3));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (leg.Counters.RtpReceived < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(2, leg.Counters.RtpReceived);
        lock (delivered)
        {
            Assert.Equal([1, 3], delivered);
        }

        // The replay, the truncated and the tampered packet, and every RTP-looking junk datagram (the rest of the junk is
        // counted as STUN, DTLS or unknown).
        Assert.True(leg.Counters.RtpDropped >= 3 + 50, $"RTP dropped {leg.Counters.RtpDropped}");

        // The process-wide counts behind the exported metric (other tests may add to them, never take away).
        Assert.True(MediaDrops.Read(MediaDropReason.Replay) >= replaysBefore + 1);
        Assert.True(MediaDrops.Read(MediaDropReason.AuthenticationFailure) >= forgeriesBefore + 1);
        Assert.True(MediaDrops.Read(MediaDropReason.Malformed) >= malformedBefore + 1);
        Assert.False(ended);
        transport.Close();
    }

    [Fact]
    public async Task DisposeAsync_ConnectedLeg_SendsCloseNotifyAndReleasesPortAndThread()
    {
        var ports = new MediaPortAllocator(44_000, 44_099);
        var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = ports, Certificate = EngineCertificate });
        var port = leg.LocalEndPoint.Port;
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        SendCheck(socket, leg, useCandidate: true);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0007);
        await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(20));

        await leg.DisposeAsync();

        // RFC 5246 §7.2.1 close_notify: an alert record (content type 21) reaches the browser's socket.
        var buffer = new byte[1500];
        var sawAlert = false;
        while (!sawAlert && socket.Poll(2_000_000, SelectMode.SelectRead))
        {
            var length = socket.Receive(buffer);
            sawAlert = length > 0 && buffer[0] == 21;
        }

        Assert.True(sawAlert, "no close_notify after the leg was disposed");
        Assert.Equal(0, ports.InUse);
        using var rebound = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebound.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Leg_WrongPasswordCheck_IsRejectedAndDoesNotOpenDtls()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);

        var answer = SendCheck(socket, leg, useCandidate: true, password: "not-the-engine-password-at-all");

        Assert.True(StunMessage.TryParse(answer, out var response));
        Assert.Equal(StunMessageType.BindingErrorResponse, response.Type);
        Assert.Equal(1, leg.Counters.StunRejected);
        Assert.Null(leg.RemoteEndPoint);
    }

    [Fact]
    public async Task Leg_ConsentNotRefreshed_Ends()
    {
        var ended = new TaskCompletionSource<string>();
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions
        {
            Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate, ConsentTimeout = TimeSpan.FromMilliseconds(500),
        });
        leg.Ended += reason => ended.TrySetResult(reason);
        Assert.True(leg.TryAcceptOffer(OfferWith(BrowserCertificate.Fingerprint), out _, out _));
        using var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        SendCheck(socket, leg, useCandidate: true);

        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("consent", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ManyLegs_GetDistinctEvenPortsAndReleaseThem()
    {
        var ports = new MediaPortAllocator(43_000, 43_009);
        var legs = Enumerable.Range(0, 5).Select(_ => WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = ports, Certificate = EngineCertificate })).ToList();

        Assert.Equal(5, legs.Select(l => l.LocalEndPoint.Port).Distinct().Count());
        Assert.All(legs, l => Assert.Equal(0, l.LocalEndPoint.Port % 2));
        Assert.Throws<InvalidOperationException>(() => WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = ports, Certificate = EngineCertificate }));
        foreach (var leg in legs)
        {
            await leg.DisposeAsync();
        }

        Assert.Equal(0, ports.InUse);
    }

    [Fact]
    public async Task TryAcceptOffer_ReOfferForHold_AnswersWithSameCredentialsAndNewVersion()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        var offer = OfferWith(BrowserCertificate.Fingerprint);
        Assert.True(leg.TryAcceptOffer(offer, out var first, out _));

        Assert.True(leg.TryAcceptOffer(offer.Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal), out var second, out var error), error);

        Assert.True(SdpParser.TryParse(first, out var a, out _));
        Assert.True(SdpParser.TryParse(second, out var b, out _));
        Assert.Equal(a!.Media[0].GetAttribute("ice-ufrag"), b!.Media[0].GetAttribute("ice-ufrag"));
        Assert.Equal(a.Media[0].GetAttribute("fingerprint"), b.Media[0].GetAttribute("fingerprint"));
        Assert.Equal("passive", b.Media[0].GetAttribute("setup"));
        Assert.Equal("recvonly", b.Media[0].Direction);
        Assert.Equal(a.Origin.SessionId, b.Origin.SessionId);
        Assert.Equal("2", b.Origin.SessionVersion);
    }

    [Fact]
    public async Task TryAcceptOffer_IceRestartOrMalformed_RefusedWithReason()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate });
        var offer = OfferWith(BrowserCertificate.Fingerprint);
        Assert.False(leg.TryAcceptOffer("v=0\r\ngarbage", out var none, out var malformed));
        Assert.True(leg.TryAcceptOffer(offer, out _, out _));

        Assert.False(leg.TryAcceptOffer(offer.Replace("a=ice-ufrag:MupT", "a=ice-ufrag:New1", StringComparison.Ordinal), out _, out var restart));

        Assert.Null(none);
        Assert.False(string.IsNullOrEmpty(malformed));
        Assert.Contains("ICE restart", restart, StringComparison.Ordinal);
    }

    internal static string OfferWith(DtlsFingerprint fingerprint)
    {
        var lines = ChromiumOffer.Text.Split("\r\n").Select(l => l.StartsWith("a=fingerprint:", StringComparison.Ordinal) ? "a=fingerprint:" + fingerprint : l);
        return string.Join("\r\n", lines);
    }

    internal static byte[] SendCheck(Socket socket, WebRtcLeg leg, bool useCandidate, string? password = null, bool sendOnly = false)
    {
        var buffer = new byte[256];
        var transaction = new byte[12];
        Random.Shared.NextBytes(transaction);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transaction);
        writer.AddAttribute(StunAttributeType.Username, Encoding.ASCII.GetBytes(leg.LocalIce.Ufrag + ":" + BrowserUfrag));
        writer.AddAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4, 5, 6, 7, 8]);
        if (useCandidate)
        {
            writer.AddAttribute(StunAttributeType.UseCandidate, []);
        }

        writer.AddAttribute(StunAttributeType.Priority, [0x6e, 0, 1, 0xff]);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password ?? leg.LocalIce.Password));
        writer.AddFingerprint();
        var request = buffer.AsSpan(0, writer.Length).ToArray();
        if (sendOnly)
        {
            return request;
        }

        socket.Send(request);
        var response = new byte[512];
        Assert.True(socket.Poll(5_000_000, SelectMode.SelectRead), "no STUN answer");
        var length = socket.Receive(response);
        return response.AsSpan(0, length).ToArray();
    }
}
