using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// One relayed packet over real loopback UDP: the browser leg sends SRTP, the relay receives it, runs
/// <see cref="RtpRelayPath.Process"/> and sends plain RTP on, the trunk leg receives it. The baseline moves the same
/// datagrams without the relay step (and without the browser-side protect), so the difference is the relay's CPU.
/// Both use the allocation-free <see cref="SocketAddress"/> overloads on one thread.
/// </summary>
[MemoryDiagnoser]
public class RelaySocketBenchmarks : IDisposable
{
    private readonly byte[] sendBuffer = new byte[172 + SrtpSession.MaxProtectOverhead];
    private readonly byte[] relayBuffer = new byte[1500];
    private readonly byte[] receiveBuffer = new byte[1500];
    private Socket browser = null!;
    private Socket relayIn = null!;
    private Socket relayOut = null!;
    private Socket trunk = null!;
    private SocketAddress relayInAddress = null!;
    private SocketAddress trunkAddress = null!;
    private SocketAddress from = null!;
    private SrtpSession browserOut = null!;
    private RtpRelayPath path = null!;
    private ushort sequence;

    [GlobalSetup]
    public void Setup()
    {
        browser = Bound();
        relayIn = Bound();
        relayOut = Bound();
        trunk = Bound();
        relayInAddress = relayIn.LocalEndPoint!.Serialize();
        trunkAddress = trunk.LocalEndPoint!.Serialize();
        from = new IPEndPoint(IPAddress.Loopback, 0).Serialize();

        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(1, 12).Select(i => (byte)i).ToArray();
        browserOut = new SrtpSession(SrtpProfile.AeadAes128Gcm, key, salt);
        path = new RtpRelayPath(new RtpRelayPathOptions
        {
            Inbound = new SrtpSession(SrtpProfile.AeadAes128Gcm, key, salt),
            Rewriter = new RtpStreamRewriter(0xBBBB, 8000, 1, 1),
            PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 },
            TelephoneEventPayloadType = 126,
        });
        RtpPacketWriter.Write(sendBuffer, 0, 0, 0, 0x2222, new byte[160]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        browser.Dispose();
        relayIn.Dispose();
        relayOut.Dispose();
        trunk.Dispose();
        browserOut.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "UDP hop x2 (send, recv, send, recv), no relay step")]
    public int SocketsOnly()
    {
        browser.SendTo(sendBuffer.AsSpan(0, 188), SocketFlags.None, relayInAddress);
        var received = relayIn.ReceiveFrom(relayBuffer, SocketFlags.None, from);
        relayOut.SendTo(relayBuffer.AsSpan(0, received), SocketFlags.None, trunkAddress);
        return trunk.ReceiveFrom(receiveBuffer, SocketFlags.None, from);
    }

    [Benchmark(Description = "UDP hop x2 with browser protect + relay Process (GCM)")]
    public int SocketsWithRelay()
    {
        sequence++;
        BinaryPrimitives.WriteUInt16BigEndian(sendBuffer.AsSpan(2), sequence);
        sendBuffer[0] = 0x80;
        sendBuffer[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(sendBuffer.AsSpan(8), 0x2222);
        var length = browserOut.ProtectRtp(sendBuffer, 172);
        browser.SendTo(sendBuffer.AsSpan(0, length), SocketFlags.None, relayInAddress);
        var received = relayIn.ReceiveFrom(relayBuffer, SocketFlags.None, from);
        var forward = path.Process(relayBuffer, received);
        relayOut.SendTo(relayBuffer.AsSpan(0, forward), SocketFlags.None, trunkAddress);
        return trunk.ReceiveFrom(receiveBuffer, SocketFlags.None, from);
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
