using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Crypto;

namespace PhonePlatform.Benchmarks.Crypto;

/// <summary>
/// Streaming blob encryption/decryption of 16 MiB in 64 KiB chunks against raw AES-256-GCM over the same chunks
/// (in-memory source, output discarded after each read). Target: streams at least 80% of raw throughput.
/// </summary>
[MemoryDiagnoser]
public class BlobCipherBenchmarks : IDisposable
{
    private const int BlobSize = 16 * 1024 * 1024;
    private const int ReadBufferSize = 128 * 1024;
    private CryptoBenchmarkStack stack = null!;
    private AesGcm raw = null!;
    private byte[] plaintext = [];
    private byte[] ciphertext = [];
    private byte[] rawSealed = [];
    private readonly byte[] chunkOutput = new byte[BlobCipher.DefaultChunkSize + 16];
    private readonly byte[] readBuffer = new byte[ReadBufferSize];
    private readonly byte[] nonce = new byte[12];
    private readonly byte[] header = new byte[BlobCipher.HeaderSize];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        stack = new CryptoBenchmarkStack();
        await stack.WarmAsync();
        plaintext = RandomNumberGenerator.GetBytes(BlobSize);
        raw = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        rawSealed = new byte[BlobCipher.HeaderSize + BlobSize + (BlobSize / BlobCipher.DefaultChunkSize * 16)];
        var sealedOffset = BlobCipher.HeaderSize;
        for (var offset = 0; offset < BlobSize; offset += BlobCipher.DefaultChunkSize)
        {
            nonce[10] = (byte)(offset >> 16);
            raw.Encrypt(nonce, plaintext.AsSpan(offset, BlobCipher.DefaultChunkSize), rawSealed.AsSpan(sealedOffset, BlobCipher.DefaultChunkSize), rawSealed.AsSpan(sealedOffset + BlobCipher.DefaultChunkSize, 16), header);
            sealedOffset += BlobCipher.DefaultChunkSize + 16;
        }

        await using var encrypting = await stack.Blobs.EncryptAsync(stack.Workspace, "bench/blob", new MemoryStream(plaintext));
        using var collected = new MemoryStream();
        await encrypting.CopyToAsync(collected);
        ciphertext = collected.ToArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        raw.Dispose();
        stack.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int RawAesGcmChunks()
    {
        var total = 0;
        for (var offset = 0; offset < BlobSize; offset += BlobCipher.DefaultChunkSize)
        {
            nonce[10] = (byte)(offset >> 16);
            var chunk = plaintext.AsSpan(offset, Math.Min(BlobCipher.DefaultChunkSize, BlobSize - offset));
            raw.Encrypt(nonce, chunk, chunkOutput.AsSpan(0, chunk.Length), chunkOutput.AsSpan(chunk.Length, 16), header);
            total += chunk.Length + 16;
        }

        return total;
    }

    [Benchmark]
    public int RawAesGcmChunksDecrypt()
    {
        var total = 0;
        var chunkOffset = BlobCipher.HeaderSize;
        for (var offset = 0; offset < BlobSize; offset += BlobCipher.DefaultChunkSize)
        {
            var length = Math.Min(BlobCipher.DefaultChunkSize, BlobSize - offset);
            nonce[10] = (byte)(offset >> 16);
            raw.Decrypt(nonce, rawSealed.AsSpan(chunkOffset, length), rawSealed.AsSpan(chunkOffset + length, 16), chunkOutput.AsSpan(0, length), header);
            chunkOffset += length + 16;
            total += length;
        }

        return total;
    }

    [Benchmark]
    public async Task<long> EncryptStream()
    {
        await using var encrypting = await stack.Blobs.EncryptAsync(stack.Workspace, "bench/blob", new MemoryStream(plaintext));
        return await DrainAsync(encrypting);
    }

    [Benchmark]
    public async Task<long> DecryptStream()
    {
        await using var decrypting = await stack.Blobs.DecryptAsync(stack.Workspace, "bench/blob", new MemoryStream(ciphertext));
        return await DrainAsync(decrypting);
    }

    private async Task<long> DrainAsync(Stream stream)
    {
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(readBuffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
