using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// SRTP protect + unprotect of one 20 ms G.711 packet (12-octet header, 160-octet payload), against the raw BCL
/// primitives the profile needs for the same work in the same run (the baseline): AES-GCM encrypt + decrypt of
/// 160 octets with 12 of AAD, or AES-ECB of 10 counter blocks plus HMAC-SHA1 of 176 octets, twice.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks : IDisposable
{
    private readonly byte[] packet = new byte[172 + SrtpSession.MaxProtectOverhead];
    private readonly byte[] key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private readonly byte[] nonce = new byte[12];
    private readonly byte[] tag = new byte[16];
    private readonly byte[] counters = new byte[160];
    private readonly byte[] keystream = new byte[160];
    private readonly byte[] mac = new byte[20];
    private SrtpSession sender = null!;
    private SrtpSession receiver = null!;
    private AesGcm bclGcm = null!;
    private Aes bclAes = null!;
    private ICryptoTransform bclEcb = null!;
    private IncrementalHash bclHmac = null!;
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
        bclGcm = new AesGcm(key, 16);
        bclAes = Aes.Create();
        bclAes.Key = key;
        bclAes.Mode = CipherMode.ECB;
        bclAes.Padding = PaddingMode.None;
        bclEcb = bclAes.CreateEncryptor();
        bclHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, new byte[20]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        sender.Dispose();
        receiver.Dispose();
        bclGcm.Dispose();
        bclEcb.Dispose();
        bclAes.Dispose();
        bclHmac.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "raw BCL primitives of the profile, protect+unprotect sizes")]
    public int RawBclBaseline()
    {
        var payload = packet.AsSpan(12, 160);
        if (Profile == SrtpProfile.AeadAes128Gcm)
        {
            bclGcm.Encrypt(nonce, payload, payload, tag, packet.AsSpan(0, 12));
            bclGcm.Decrypt(nonce, payload, tag, payload, packet.AsSpan(0, 12));
            return tag[0];
        }

        for (var i = 0; i < 2; i++)
        {
            bclEcb.TransformBlock(counters, 0, counters.Length, keystream, 0);
            bclHmac.AppendData(packet.AsSpan(0, 176));
            bclHmac.TryGetHashAndReset(mac, out _);
        }

        return mac[0];
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
