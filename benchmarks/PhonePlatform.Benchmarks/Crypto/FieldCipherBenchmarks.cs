using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Crypto;

namespace PhonePlatform.Benchmarks.Crypto;

/// <summary>
/// Field encryption with a cached key against bare AES-256-GCM on one preallocated instance (fresh output array,
/// associated data of the same size, a counter as nonce: the cipher's floor cost, no random-number generation).
/// Target: at least 500k encrypts/s per core for short fields.
/// </summary>
[MemoryDiagnoser]
public class FieldCipherBenchmarks : IDisposable
{
    private static readonly FieldContext Context = new("contact", "0b5c8d1e-6f0a-4c6b-9d57-3a1f2e4b5c6d", "phone_number");
    private CryptoBenchmarkStack stack = null!;
    private AesGcm raw = null!;
    private byte[] plaintext = [];
    private byte[] ciphertext = [];
    private byte[] rawAssociatedData = [];
    private byte[] rawCiphertext = [];
    private long counter;

    [Params(16, 256)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        stack = new CryptoBenchmarkStack();
        await stack.WarmAsync();
        plaintext = RandomNumberGenerator.GetBytes(Size);
        ciphertext = stack.Fields.Encrypt(stack.Workspace, Context, plaintext);
        raw = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        rawAssociatedData = RandomNumberGenerator.GetBytes(5 + 16 + 6 + 7 + 36 + 12);
        rawCiphertext = RawEncrypt();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        raw.Dispose();
        stack.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public byte[] RawAesGcmEncrypt() => RawEncrypt();

    [Benchmark]
    public byte[] FieldEncrypt() => stack.Fields.Encrypt(stack.Workspace, Context, plaintext);

    [Benchmark]
    public byte[] RawAesGcmDecrypt()
    {
        var output = new byte[rawCiphertext.Length - 28];
        raw.Decrypt(rawCiphertext.AsSpan(0, 12), rawCiphertext.AsSpan(12, output.Length), rawCiphertext.AsSpan(rawCiphertext.Length - 16), output, rawAssociatedData);
        return output;
    }

    [Benchmark]
    public byte[] FieldDecrypt() => stack.Fields.Decrypt(stack.Workspace, Context, ciphertext);

    private byte[] RawEncrypt()
    {
        var output = new byte[plaintext.Length + 28];
        BitConverter.TryWriteBytes(output.AsSpan(0, 8), ++counter);
        raw.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(output.Length - 16), rawAssociatedData);
        return output;
    }
}
