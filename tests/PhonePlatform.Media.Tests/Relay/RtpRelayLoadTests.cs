using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;
using Xunit.Abstractions;

namespace PhonePlatform.Media.Tests.Relay;

/// <summary>
/// Many concurrent calls, each paced at 50 packets/s, relayed SRTP to RTP over real loopback sockets by one
/// receive loop per call. Asserts that every packet arrives rewritten and in order (no timing assertion). The CPU it
/// reports includes the test process's JIT warm-up of one-second run: per-packet costs live in the benchmarks.
/// </summary>
public class RtpRelayLoadTests(ITestOutputHelper output)
{
    private const int Calls = 40;
    private const int PacketsPerCall = 50;

    [Fact]
    public async Task Relay_FortyConcurrentCallsAt50PacketsPerSecond_DeliversEveryPacket()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var legs = Enumerable.Range(0, Calls).Select(i => new Leg(i)).ToArray();
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var relays = legs.Select(leg => leg.RelayAsync(timeout.Token)).ToArray();
            var trunks = legs.Select(leg => leg.ReceiveAsync(timeout.Token)).ToArray();

            // One sender paces every call's browser leg: a packet per call each 20 ms.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            var packet = new byte[172 + SrtpSession.MaxProtectOverhead];
            for (var n = 0; n < PacketsPerCall; n++)
            {
                foreach (var leg in legs)
                {
                    await leg.SendAsync(packet, (ushort)n, timeout.Token);
                }

                await timer.WaitForNextTickAsync(timeout.Token);
            }

            var received = await Task.WhenAll(trunks);
            await Task.WhenAll(relays);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            Assert.All(received, count => Assert.Equal(PacketsPerCall, count));
            Assert.All(legs, leg => Assert.Equal(0, leg.Path.Dropped));
            var packets = Calls * PacketsPerCall;
            output.WriteLine($"{Calls} calls x {PacketsPerCall} packets at 50 pps: {packets} relayed, process CPU {cpu.TotalMilliseconds:F0} ms " +
                $"(sender, relay, receiver and JIT warm-up included)");
        }
        finally
        {
            foreach (var leg in legs)
            {
                leg.Dispose();
            }
        }
    }

    private sealed class Leg : IDisposable
    {
        private readonly Socket browser = Bound();
        private readonly Socket relayIn = Bound();
        private readonly Socket relayOut = Bound();
        private readonly Socket trunk = Bound();
        private readonly SrtpSession browserSession;
        private readonly SrtpSession relaySession;
        private readonly uint ssrc;

        public Leg(int index)
        {
            var key = Enumerable.Range(index, 16).Select(i => (byte)i).ToArray();
            var salt = Enumerable.Range(index, 12).Select(i => (byte)i).ToArray();
            browserSession = new SrtpSession(SrtpProfile.AeadAes128Gcm, key, salt);
            relaySession = new SrtpSession(SrtpProfile.AeadAes128Gcm, key, salt);
            ssrc = (uint)(0x1000 + index);
            Path = new RtpRelayPath(new RtpRelayPathOptions
            {
                Inbound = relaySession,
                Rewriter = new RtpStreamRewriter((uint)(0x9000 + index), 8000, 0, 0),
            });
        }

        public RtpRelayPath Path { get; }

        public async ValueTask SendAsync(byte[] packet, ushort sequence, CancellationToken cancellationToken)
        {
            var length = RtpPacketWriter.Write(packet, 0, sequence, sequence * 160u, ssrc, new byte[160]);
            length = browserSession.ProtectRtp(packet, length);
            await browser.SendToAsync(packet.AsMemory(0, length), relayIn.LocalEndPoint!, cancellationToken);
        }

        public async Task RelayAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[1500];
            for (var i = 0; i < PacketsPerCall; i++)
            {
                var received = await relayIn.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
                var length = Path.Process(buffer, received.ReceivedBytes);
                if (length > 0)
                {
                    await relayOut.SendToAsync(buffer.AsMemory(0, length), trunk.LocalEndPoint!, cancellationToken);
                }
            }
        }

        public async Task<int> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[1500];
            var expected = (ushort)0;
            for (var i = 0; i < PacketsPerCall; i++)
            {
                var received = await trunk.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
                Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var header));
                Assert.Equal(0x9000u + (ssrc - 0x1000u), header.Ssrc);
                Assert.Equal(expected++, header.SequenceNumber);
            }

            return PacketsPerCall;
        }

        public void Dispose()
        {
            browser.Dispose();
            relayIn.Dispose();
            relayOut.Dispose();
            trunk.Dispose();
            browserSession.Dispose();
            relaySession.Dispose();
        }

        private static Socket Bound()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }
    }
}
