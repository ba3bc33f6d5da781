using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Tests.Relay;

/// <summary>Bridges two legs over real UDP sockets on loopback, with the relay step between them.</summary>
public class RtpRelayLoopbackTests
{
    [Fact]
    public async Task Relay_SrtpLegToPlainLegOverUdp_DeliversEveryPacketRewritten()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(1, 14).Select(i => (byte)i).ToArray();
        using var browserSession = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, key, salt);
        using var relayInbound = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, key, salt);

        using var browser = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var relayWebRtcSide = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var relayTrunkSide = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var trunk = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        foreach (var socket in new[] { browser, relayWebRtcSide, relayTrunkSide, trunk })
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        var path = new RtpRelayPath(new RtpRelayPathOptions
        {
            Inbound = relayInbound,
            Rewriter = new RtpStreamRewriter(0x5EED, 8000, 20000, 0),
            PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 },
        });

        const int Count = 50;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The relay loop: receive on the WebRTC side, process in place, send from the trunk side.
        var relayLoop = Task.Run(async () =>
        {
            var buffer = new byte[1500];
            for (var i = 0; i < Count; i++)
            {
                var received = await relayWebRtcSide.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                var length = path.Process(buffer, received.ReceivedBytes);
                if (length > 0)
                {
                    await relayTrunkSide.SendToAsync(buffer.AsMemory(0, length), trunk.LocalEndPoint!, timeout.Token);
                }
            }
        });

        var trunkReceive = Task.Run(async () =>
        {
            var packets = new List<byte[]>();
            var buffer = new byte[1500];
            while (packets.Count < Count)
            {
                var received = await trunk.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                packets.Add(buffer.AsSpan(0, received.ReceivedBytes).ToArray());
            }

            return packets;
        });

        var sendBuffer = new byte[1500];
        for (var i = 0; i < Count; i++)
        {
            var payloadType = (byte)(i % 10 == 9 ? 126 : 0);
            var payload = payloadType == 126 ? new byte[] { 1, 0, 0, 160 } : Enumerable.Repeat((byte)i, 160).ToArray();
            var length = RtpPacketWriter.Write(sendBuffer, payloadType, (ushort)(40000 + i), (uint)(i * 160), 0xB0B, payload);
            length = browserSession.ProtectRtp(sendBuffer, length);
            await browser.SendToAsync(sendBuffer.AsMemory(0, length), relayWebRtcSide.LocalEndPoint!, timeout.Token);

            // Loopback UDP does not drop, but pace a little so a slow CI machine does not overrun the socket buffer.
            if (i % 10 == 0)
            {
                await Task.Yield();
            }
        }

        var delivered = await trunkReceive;
        await relayLoop;

        Assert.Equal(Count, delivered.Count);
        var headers = delivered.Select(p => { Assert.True(RtpHeader.TryParse(p, out var h)); return h; }).OrderBy(h => h.SequenceNumber).ToList();
        Assert.All(headers, h => Assert.Equal(0x5EEDu, h.Ssrc));
        Assert.Equal(Enumerable.Range(20000, Count).Select(i => (ushort)i), headers.Select(h => h.SequenceNumber));
        Assert.Equal(Count / 10, headers.Count(h => h.PayloadType == 101));
        Assert.Equal(0, path.Dropped);
        Assert.Equal(0, relayInbound.AuthenticationFailures);
    }
}
