using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the keystream is AES_k(IV + j) for block j,
/// with the 16-bit block counter in the low bits of the IV. On AES-NI the keystream comes from <see cref="Aes128Ni"/>
/// (key schedule expanded once); otherwise one ECB encryptor and scratch buffers are reused. Either way applying
/// the keystream allocates nothing. Not thread-safe.
/// </summary>
/// <remarks>
/// A reused <see cref="ICryptoTransform"/> rather than <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, Span{byte}, PaddingMode)"/>:
/// on Linux the one-shot creates a native cipher context per call (64 bytes allocated, and slower); the ECB transform
/// keeps one, and ECB carries no state from one call to the next.
/// </remarks>
internal sealed class AesCounterMode : IDisposable
{
    private const int BlockSize = 16;

    // 64 blocks per ECB call keeps the scratch small and the call overhead amortised.
    private const int ChunkBlocks = 64;

    private readonly Aes128Ni? intrinsics;
    private readonly Aes? aes;
    private readonly ICryptoTransform? encryptor;
    private readonly byte[] counterBlocks = [];
    private readonly byte[] keystream = [];

    public AesCounterMode(ReadOnlySpan<byte> key, bool useIntrinsics = true)
    {
        if (useIntrinsics && Aes128Ni.IsSupported)
        {
            intrinsics = new Aes128Ni(key);
            return;
        }

        counterBlocks = new byte[ChunkBlocks * BlockSize];
        keystream = new byte[ChunkBlocks * BlockSize];
        aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        aes.Key = key.ToArray();
        encryptor = aes.CreateEncryptor();
    }

    /// <summary>XORs <paramref name="data"/> with the keystream that starts at <paramref name="iv"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (intrinsics is not null)
        {
            // RFC 3711 §4.1.1: the IV's low 16 bits are zero and the block counter j never carries beyond them.
            intrinsics.ApplyCounterMode(System.Runtime.Intrinsics.Vector128.Create(iv), 0xFFFF, data);
            return;
        }

        var block = 0;
        while (!data.IsEmpty)
        {
            var chunk = Math.Min(data.Length, ChunkBlocks * BlockSize);
            var blocks = (chunk + BlockSize - 1) / BlockSize;
            FillCounterBlocks(iv, block, blocks);
            encryptor!.TransformBlock(counterBlocks, 0, blocks * BlockSize, keystream, 0);
            Xor(data[..chunk], keystream.AsSpan(0, chunk));
            data = data[chunk..];
            block += blocks;
        }
    }

    /// <summary>Writes the raw keystream (for key derivation and the RFC 3711 B.2 vector).</summary>
    public void Generate(ReadOnlySpan<byte> iv, Span<byte> destination)
    {
        destination.Clear();
        Apply(iv, destination);
    }

    private void FillCounterBlocks(ReadOnlySpan<byte> iv, int firstBlock, int blocks)
    {
        // RFC 3711 §4.1.1: the IV's low 16 bits are zero, so IV + j only sets the last two octets.
        for (var i = 0; i < blocks; i++)
        {
            var counter = counterBlocks.AsSpan(i * BlockSize, BlockSize);
            iv.CopyTo(counter);
            var low = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(counter[14..]) + firstBlock + i);
            BinaryPrimitives.WriteUInt16BigEndian(counter[14..], low);
        }
    }

    internal static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= data.Length; i += 32)
            {
                (Vector256.Create<byte>(data[i..]) ^ Vector256.Create(keystream[i..])).CopyTo(data[i..]);
            }
        }

        for (; i + 16 <= data.Length; i += 16)
        {
            (Vector128.Create<byte>(data[i..]) ^ Vector128.Create(keystream[i..])).CopyTo(data[i..]);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }

    public void Dispose()
    {
        encryptor?.Dispose();
        aes?.Dispose();
    }
}
