using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// AES-128 encryption (FIPS 197) on AES-NI with the key schedule expanded once: the block cipher under SRTP's
/// AES-CM and AES-GCM, without the BCL's per-call trip into OpenSSL. Only used when <see cref="IsSupported"/>;
/// proven against the RFC vectors and differentially against <see cref="System.Security.Cryptography.Aes"/>.
/// </summary>
internal sealed class Aes128Ni
{
    private const int Rounds = 10;
    private readonly Vector128<byte>[] roundKeys = new Vector128<byte>[Rounds + 1];

    public Aes128Ni(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("AES-128 needs a 16-octet key.", nameof(key));
        }

        // FIPS 197 §5.2; AESKEYGENASSIST needs its round constant as an immediate, hence the unrolled calls.
        var k = Vector128.Create(key);
        roundKeys[0] = k;
        roundKeys[1] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x01));
        roundKeys[2] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x02));
        roundKeys[3] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x04));
        roundKeys[4] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x08));
        roundKeys[5] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x10));
        roundKeys[6] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x20));
        roundKeys[7] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x40));
        roundKeys[8] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x80));
        roundKeys[9] = k = ExpandStep(k, Aes.KeygenAssist(k, 0x1B));
        roundKeys[10] = ExpandStep(k, Aes.KeygenAssist(k, 0x36));
    }

    /// <summary>AES-NI (and the SSE2/SSSE3 shuffles used around it) is available on this CPU.</summary>
    public static bool IsSupported => Aes.IsSupported && Ssse3.IsSupported;

    /// <summary>Encrypts one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<byte> Encrypt(Vector128<byte> block)
    {
        var keys = roundKeys;
        block ^= keys[0];
        for (var round = 1; round < Rounds; round++)
        {
            block = Aes.Encrypt(block, keys[round]);
        }

        return Aes.EncryptLast(block, keys[Rounds]);
    }

    /// <summary>Encrypts four independent blocks, interleaved so the AES units pipeline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encrypt4(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3)
    {
        var keys = roundKeys;
        var k = keys[0];
        b0 ^= k;
        b1 ^= k;
        b2 ^= k;
        b3 ^= k;
        for (var round = 1; round < Rounds; round++)
        {
            k = keys[round];
            b0 = Aes.Encrypt(b0, k);
            b1 = Aes.Encrypt(b1, k);
            b2 = Aes.Encrypt(b2, k);
            b3 = Aes.Encrypt(b3, k);
        }

        k = keys[Rounds];
        b0 = Aes.EncryptLast(b0, k);
        b1 = Aes.EncryptLast(b1, k);
        b2 = Aes.EncryptLast(b2, k);
        b3 = Aes.EncryptLast(b3, k);
    }

    /// <summary>
    /// XORs <paramref name="data"/> with the keystream E(counter), E(counter+1), ... where the counter block is
    /// <paramref name="counter"/> and only its last 32 bits (big-endian) count; <paramref name="counterMask"/>
    /// keeps the carry inside 16 bits for SRTP AES-CM (RFC 3711 §4.1.1) or 32 bits for GCM's inc32 (SP 800-38D §6.2).
    /// </summary>
    public void ApplyCounterMode(Vector128<byte> counter, uint counterMask, Span<byte> data)
    {
        var prefix = counter.AsUInt32().WithElement(3, 0u);
        var low = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(counter.AsUInt32().GetElement(3));
        var fixedHigh = low & ~counterMask;
        var offset = 0;
        while (data.Length - offset >= 64)
        {
            var b0 = Block(prefix, fixedHigh | (low & counterMask));
            var b1 = Block(prefix, fixedHigh | ((low + 1) & counterMask));
            var b2 = Block(prefix, fixedHigh | ((low + 2) & counterMask));
            var b3 = Block(prefix, fixedHigh | ((low + 3) & counterMask));
            Encrypt4(ref b0, ref b1, ref b2, ref b3);
            var chunk = data.Slice(offset, 64);
            (Vector128.Create<byte>(chunk) ^ b0).CopyTo(chunk);
            (Vector128.Create<byte>(chunk[16..]) ^ b1).CopyTo(chunk[16..]);
            (Vector128.Create<byte>(chunk[32..]) ^ b2).CopyTo(chunk[32..]);
            (Vector128.Create<byte>(chunk[48..]) ^ b3).CopyTo(chunk[48..]);
            low += 4;
            offset += 64;
        }

        while (data.Length - offset >= 16)
        {
            var block = data.Slice(offset, 16);
            (Vector128.Create<byte>(block) ^ Encrypt(Block(prefix, fixedHigh | (low & counterMask)))).CopyTo(block);
            low++;
            offset += 16;
        }

        if (offset < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            Encrypt(Block(prefix, fixedHigh | (low & counterMask))).CopyTo(last);
            var remaining = data[offset..];
            for (var i = 0; i < remaining.Length; i++)
            {
                remaining[i] ^= last[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Block(Vector128<uint> prefix, uint low) =>
        prefix.WithElement(3, System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(low)).AsByte();

    private static Vector128<byte> ExpandStep(Vector128<byte> key, Vector128<byte> assist)
    {
        // w[i] = w[i-1] XOR w[i-4] for the 4 words of the next round key, with SubWord(RotWord(w)) XOR Rcon from the assist.
        var spread = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ spread;
    }
}
