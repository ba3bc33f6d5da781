using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace PhonePlatform.Benchmarks.Baselines;

/// <summary>
/// The machine's physical floor for the hot paths, in one run so the ratios of the other classes can be read against
/// it: copying (memcpy) a SIP datagram and a 64 KiB blob chunk, finding the header end of a SIP message, and raw
/// AES-GCM and AES-CTR (the ECB keystream plus XOR that SRTP's AES-CM uses) over the same 64 KiB chunk.
/// </summary>
[MemoryDiagnoser]
public class PhysicalBaselines : IDisposable
{
    private const int Chunk = 64 * 1024;
    private readonly byte[] datagram = new byte[1019];
    private readonly byte[] datagramCopy = new byte[1019];
    private readonly byte[] chunk = new byte[Chunk];
    private readonly byte[] chunkCopy = new byte[Chunk];
    private readonly byte[] counters = new byte[Chunk];
    private readonly byte[] keystream = new byte[Chunk];
    private readonly byte[] tag = new byte[16];
    private readonly byte[] nonce = new byte[12];
    private AesGcm gcm = null!;
    private Aes aes = null!;
    private ICryptoTransform ecb = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(chunk);
        "INVITE sip:+15557654321@gw SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n"u8.CopyTo(datagram.AsSpan(datagram.Length - 60));
        var key = RandomNumberGenerator.GetBytes(16);
        gcm = new AesGcm(key, 16);
        aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        ecb = aes.CreateEncryptor(key, null);
        for (var i = 0; i < Chunk / 16; i++)
        {
            BitConverter.TryWriteBytes(counters.AsSpan(i * 16), (long)i);
        }
    }

    [Benchmark]
    public void MemcpyDatagram() => datagram.AsSpan().CopyTo(datagramCopy);

    [Benchmark]
    public int FindHeaderEndOfDatagram() => datagram.AsSpan().IndexOf("\r\n\r\n"u8);

    [Benchmark(Baseline = true)]
    public void Memcpy64KiB() => chunk.AsSpan().CopyTo(chunkCopy);

    [Benchmark]
    public void RawAesGcm64KiB()
    {
        nonce[0]++;
        gcm.Encrypt(nonce, chunk, chunkCopy, tag);
    }

    [Benchmark]
    public void RawAesCtr64KiB()
    {
        ecb.TransformBlock(counters, 0, Chunk, keystream, 0);
        for (var i = 0; i < Chunk; i += System.Numerics.Vector<byte>.Count)
        {
            var x = new System.Numerics.Vector<byte>(chunk, i) ^ new System.Numerics.Vector<byte>(keystream, i);
            x.CopyTo(chunkCopy, i);
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        gcm?.Dispose();
        ecb?.Dispose();
        aes?.Dispose();
        GC.SuppressFinalize(this);
    }
}
