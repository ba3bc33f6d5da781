using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>SRTP protect + unprotect of one 20 ms G.711 packet (12-octet header, 160-octet payload).</summary>
[MemoryDiagnoser]
public class SrtpBenchmarks : IDisposable
{
    private readonly byte[] packet = new byte[172 + SrtpSession.MaxProtectOverhead];
    private SrtpSession sender = null!;
    private SrtpSession receiver = null!;
    private ushort sequence;

    [Params(SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(1, Profile == SrtpProfile.AeadAes128Gcm ? 12 : 14).Select(i => (byte)i).ToArray();
        sender = new SrtpSession(Profile, key, salt);
        receiver = new SrtpSession(Profile, key, salt);
        RtpPacketWriter.Write(packet, 0, 0, 0, 0x12345678, new byte[160]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        sender.Dispose();
        receiver.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "SRTP protect+unprotect, 160 B payload")]
    public int ProtectUnprotect()
    {
        // A fresh sequence number each time, or the receiver's replay window would refuse the packet.
        sequence++;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        var length = sender.ProtectRtp(packet, 172);
        if (!receiver.TryUnprotectRtp(packet, length, out var plainLength))
        {
            throw new InvalidOperationException("unprotect failed");
        }

        return plainLength;
    }
}
