using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Tests.Dtls;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Media.IntegrationTests.WebRtc;

/// <summary>Two legs on one shared port, each with its own "browser" socket, a BouncyCastle DTLS client and SRTP.</summary>
public sealed class MultiplexedMediaPortsTests
{
    private static readonly MediaPortAllocator Ports = new(45_000, 45_099);
    private static readonly DtlsCertificate EngineCertificate = DtlsCertificate.Create();
    private static readonly DtlsCertificate BrowserCertificate = DtlsCertificate.Create();

    [Fact]
    public async Task TwoLegsOnOnePort_EachGetsOnlyItsBrowsersMedia_UnknownSourcesAndEndedLegsAreCountedAsNoRoute()
    {
        await using var shared = MultiplexedMediaPorts.Open(IPAddress.Loopback, Ports, count: 1);
        var noRouteBefore = MediaDrops.Read(MediaDropReason.NoRoute);
        var options = new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = EngineCertificate, Multiplexed = shared };
        await using var first = await ConnectedBrowserAsync(WebRtcLeg.Open(options));
        await using var second = await ConnectedBrowserAsync(WebRtcLeg.Open(options));

        Assert.Equal(shared.LocalEndPoints[0], first.Leg.LocalEndPoint);
        Assert.Equal(shared.LocalEndPoints[0], second.Leg.LocalEndPoint);
        Assert.NotEqual(first.Leg.LocalIce.Ufrag, second.Leg.LocalIce.Ufrag);

        first.SendRtp(1);
        second.SendRtp(1);
        second.SendRtp(2);
        await WaitUntilAsync(() => first.Leg.Counters.RtpReceived == 1 && second.Leg.Counters.RtpReceived == 2);

        // A source that never passed a check reaches no leg, whatever it sends.
        using (var stranger = UdpDatagramTransport.Connect(shared.LocalEndPoints[0]))
        {
            stranger.Send(first.Protected(3));
            stranger.Send(new byte[] { 0x16, 0xfe, 0xfd, 0, 0 });
        }

        await WaitUntilAsync(() => shared.NoRouteDropped == 2);

        // An ended leg's browser no longer reaches anything; the other leg goes on.
        await first.EndLegAsync();
        first.SendRtp(4);
        second.SendRtp(3);
        await WaitUntilAsync(() => shared.NoRouteDropped == 3 && second.Leg.Counters.RtpReceived == 3);
        Assert.Equal(0, second.Leg.Counters.RtpDropped);
        Assert.True(MediaDrops.Read(MediaDropReason.NoRoute) >= noRouteBefore + 3);
    }

    private static async Task<Browser> ConnectedBrowserAsync(WebRtcLeg leg)
    {
        Assert.True(leg.TryAcceptOffer(WebRtcLegUdpTests.OfferWith(BrowserCertificate.Fingerprint), out _, out var error), error);
        var socket = UdpDatagramTransport.Connect(leg.LocalEndPoint);
        WebRtcLegUdpTests.SendCheck(socket, leg, useCandidate: true);
        var client = new DtlsSrtpTestClient(BrowserCertificate, EngineCertificate.Fingerprint, 0x0001);
        var transport = await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(socket)));
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        var srtp = SrtpKeyingMaterial.FromDtlsExport(SrtpProfile.Aes128CmHmacSha1_80, client.KeyingMaterial, isServer: false).CreateLocalSession();
        return new Browser(leg, socket, transport, srtp);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the condition did not hold within 30 s");
    }

    private sealed class Browser(WebRtcLeg leg, Socket socket, DtlsTransport transport, SrtpSession srtp) : IAsyncDisposable
    {
        public WebRtcLeg Leg { get; } = leg;

        public byte[] Protected(ushort sequence)
        {
            var packet = new byte[172 + SrtpSession.MaxProtectOverhead];
            var length = RtpPacketWriter.Write(packet, 0, sequence, sequence * 160u, 0x5EED, new byte[160]);
            return packet.AsSpan(0, srtp.ProtectRtp(packet, length)).ToArray();
        }

        public void SendRtp(ushort sequence) => socket.Send(Protected(sequence));

        private bool ended;

        public async Task EndLegAsync()
        {
            if (!ended)
            {
                ended = true;

                // The browser's close_notify first, while the leg still routes it (afterwards it would count as no-route).
                transport.Close();
                await Leg.DisposeAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await EndLegAsync();
            socket.Dispose();
            srtp.Dispose();
        }
    }
}
