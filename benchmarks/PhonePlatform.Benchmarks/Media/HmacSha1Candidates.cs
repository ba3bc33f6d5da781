using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// HMAC-SHA1-80 over SRTP's authenticated portion of one G.711 packet (172 octets) plus the 4-octet ROC, four ways:
/// the BCL's reused <see cref="IncrementalHash"/>, the BCL's one-shot <see cref="HMACSHA1.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>,
/// the managed SHA-1 with precomputed padded-key states (<c>HmacSha1</c>), and OpenSSL's SHA1_* (SHA-NI) called
/// directly with precomputed SHA_CTX states.
/// </summary>
[MemoryDiagnoser]
public class HmacSha1Candidates : IDisposable
{
    private readonly byte[] key = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
    private readonly byte[] packet = new byte[176];
    private readonly byte[] mac = new byte[20];
    private IncrementalHash incremental = null!;
    private ManagedHmacSha1 managed = null!;
    private OpenSslHmacSha1 native = null!;

    [GlobalSetup]
    public void Setup()
    {
        incremental = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        managed = new ManagedHmacSha1(key);
        native = new OpenSslHmacSha1(key);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        incremental.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "BCL IncrementalHash reused")]
    public byte IncrementalHashReused()
    {
        incremental.AppendData(packet.AsSpan(0, 172));
        incremental.AppendData(packet.AsSpan(172, 4));
        incremental.TryGetHashAndReset(mac, out _);
        return mac[0];
    }

    [Benchmark(Description = "BCL HMACSHA1.HashData one-shot")]
    public byte OneShot()
    {
#pragma warning disable CA5350 // RFC 3711 mandates HMAC-SHA1 for this profile.
        HMACSHA1.HashData(key, packet, mac);
#pragma warning restore CA5350
        return mac[0];
    }

    [Benchmark(Description = "managed SHA-1, precomputed pads")]
    public byte Managed()
    {
        managed.Compute(packet.AsSpan(0, 172), packet.AsSpan(172, 4), mac);
        return mac[0];
    }

    [Benchmark(Description = "libcrypto SHA1_* direct, precomputed SHA_CTX")]
    public byte LibCrypto()
    {
        native.Compute(packet.AsSpan(0, 172), packet.AsSpan(172, 4), mac);
        return mac[0];
    }
}
