using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// The relay step per packet (no sockets): trunk RTP to WebRTC SRTP (rewrite, map, protect), and WebRTC SRTP to
/// trunk RTP (unprotect, rewrite, map), the latter including the browser-side protect that produces its input.
/// </summary>
[MemoryDiagnoser]
public class RelayBenchmarks : IDisposable
{
    private readonly byte[] packet = new byte[172 + SrtpSession.MaxProtectOverhead];
    private RtpRelayPath trunkToWebRtc = null!;
    private RtpRelayPath webRtcToTrunk = null!;
    private SrtpSession browserOut = null!;
    private ushort trunkSequence;
    private ushort browserSequence;

    [Params(SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(1, Profile == SrtpProfile.AeadAes128Gcm ? 12 : 14).Select(i => (byte)i).ToArray();
        browserOut = new SrtpSession(Profile, key, salt);
        trunkToWebRtc = new RtpRelayPath(new RtpRelayPathOptions
        {
            Outbound = new SrtpSession(Profile, key, salt),
            Rewriter = new RtpStreamRewriter(0xAAAA, 8000, 1, 1),
            PayloadTypeMap = new Dictionary<byte, byte> { [101] = 126 },
        });
        webRtcToTrunk = new RtpRelayPath(new RtpRelayPathOptions
        {
            Inbound = new SrtpSession(Profile, key, salt),
            Rewriter = new RtpStreamRewriter(0xBBBB, 8000, 1, 1),
            PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 },
            TelephoneEventPayloadType = 126,
        });
    }

    [GlobalCleanup]
    public void Dispose()
    {
        browserOut.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "relay trunk RTP -> WebRTC SRTP")]
    public int TrunkToWebRtc()
    {
        trunkSequence++;
        var length = RtpPacketWriter.Write(packet, 0, trunkSequence, trunkSequence * 160u, 0x1111, default(ReadOnlySpan<byte>));
        return trunkToWebRtc.Process(packet, length + 160);
    }

    [Benchmark(Description = "browser protect + relay WebRTC SRTP -> trunk RTP")]
    public int WebRtcToTrunk()
    {
        browserSequence++;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), browserSequence);
        packet[0] = 0x80;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x2222);
        var length = browserOut.ProtectRtp(packet, 172);
        return webRtcToTrunk.Process(packet, length);
    }
}
