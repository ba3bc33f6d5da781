using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace PhonePlatform.Benchmarks.Media;

/// <summary>
/// The BCL primitives under SRTP, on the same sizes, as the floor SRTP's own cost is measured against:
/// AES-GCM encrypt+decrypt of 160 octets with 12 of AAD; AES-ECB of 10 blocks (the AES-CM keystream for 160 octets)
/// twice plus HMAC-SHA1 over 176 octets twice (what AES-CM+HMAC protect+unprotect must do), once through the
/// one-shot <c>EncryptEcb</c> and once through a reused ECB transform (what <c>AesCounterMode</c> uses).
/// </summary>
[MemoryDiagnoser]
public class SrtpPrimitiveBaselines : IDisposable
{
    private readonly byte[] key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private readonly byte[] nonce = new byte[12];
    private readonly byte[] aad = new byte[12];
    private readonly byte[] payload = new byte[160];
    private readonly byte[] tag = new byte[16];
    private readonly byte[] counters = new byte[160];
    private readonly byte[] keystream = new byte[160];
    private readonly byte[] authenticated = new byte[176];
    private readonly byte[] mac = new byte[20];
    private AesGcm gcm = null!;
    private Aes aes = null!;
    private ICryptoTransform ecb = null!;
    private IncrementalHash hmac = null!;

    [GlobalSetup]
    public void Setup()
    {
        gcm = new AesGcm(key, 16);
        aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        ecb = aes.CreateEncryptor();
        hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, new byte[20]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        gcm.Dispose();
        ecb.Dispose();
        aes.Dispose();
        hmac.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "raw AesGcm encrypt+decrypt 160 B")]
    public void AesGcmEncryptDecrypt()
    {
        gcm.Encrypt(nonce, payload, payload, tag, aad);
        gcm.Decrypt(nonce, payload, tag, payload, aad);
    }

    [Benchmark(Description = "raw reused ECB transform 10 blocks + HMAC-SHA1 176 B, x2")]
    public void ReusedEcbTransformAndHmacSha1Twice()
    {
        for (var i = 0; i < 2; i++)
        {
            ecb.TransformBlock(counters, 0, counters.Length, keystream, 0);
            hmac.AppendData(authenticated);
            hmac.TryGetHashAndReset(mac, out _);
        }
    }

    [Benchmark(Description = "raw one-shot EncryptEcb 10 blocks + HMAC-SHA1 176 B, x2")]
    public void AesEcbAndHmacSha1Twice()
    {
        for (var i = 0; i < 2; i++)
        {
            aes.EncryptEcb(counters, keystream, PaddingMode.None);
            hmac.AppendData(authenticated);
            hmac.TryGetHashAndReset(mac, out _);
        }
    }
}
