using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// HMAC-SHA1 (RFC 2104) for one key with the inner and outer padded key blocks absorbed once: each MAC only
/// compresses the message and one outer block. Takes the message in two parts so SRTP's
/// authenticated portion || ROC (RFC 3711 §4.2) needs no copy. Allocation-free; not thread-safe.
/// </summary>
/// <remarks>
/// .NET has no x86 SHA intrinsics, and the BCL's HMAC pays OpenSSL's EVP context handling on every call. So where
/// libcrypto is loadable (Linux), SHA-1 itself runs in OpenSSL's SHA1_* (SHA-NI) on precomputed SHA_CTX states;
/// elsewhere in managed code. Both are checked against <see cref="System.Security.Cryptography.HMACSHA1"/>.
/// </remarks>
internal abstract class HmacSha1
{
    public const int DigestLength = 20;
    protected const int BlockLength = 64;

    /// <summary>The fastest implementation this process can run.</summary>
    public static HmacSha1 Create(ReadOnlySpan<byte> key) =>
        OpenSslHmacSha1.IsAvailable ? new OpenSslHmacSha1(key) : new ManagedHmacSha1(key);

    /// <summary>Writes the first <c>tag.Length</c> (at most 20) octets of HMAC(key, first || second).</summary>
    public abstract void Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> tag);

    /// <summary>The 64-octet key block XORed with <paramref name="pad"/> (RFC 2104 §2: ipad 0x36, opad 0x5C).</summary>
    protected static void PaddedKey(ReadOnlySpan<byte> key, byte pad, Span<byte> block)
    {
        if (key.Length > BlockLength)
        {
            throw new ArgumentException("Keys longer than a SHA-1 block are not used by SRTP.", nameof(key));
        }

        block.Fill(pad);
        for (var i = 0; i < key.Length; i++)
        {
            block[i] ^= key[i];
        }
    }
}

/// <summary><see cref="HmacSha1"/> on the managed SHA-1 compression of <see cref="Sha1State"/>.</summary>
internal sealed class ManagedHmacSha1 : HmacSha1
{
    private readonly Sha1State innerStart;
    private readonly Sha1State outerStart;

    public ManagedHmacSha1(ReadOnlySpan<byte> key)
    {
        Span<byte> pad = stackalloc byte[BlockLength];
        PaddedKey(key, 0x36, pad);
        innerStart = Sha1State.Initial;
        innerStart.Compress(pad);
        PaddedKey(key, 0x5C, pad);
        outerStart = Sha1State.Initial;
        outerStart.Compress(pad);
    }

    public override void Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> tag)
    {
        Span<byte> block = stackalloc byte[2 * BlockLength];
        var inner = innerStart;
        var total = first.Length + second.Length;

        // Whole blocks of the first part go straight through; the tail, the second part and the padding meet in `block`.
        var whole = first.Length & ~(BlockLength - 1);
        inner.Compress(first[..whole]);
        first[whole..].CopyTo(block);
        var pending = first.Length - whole;
        while (!second.IsEmpty)
        {
            var take = Math.Min(second.Length, BlockLength - pending);
            second[..take].CopyTo(block[pending..]);
            pending += take;
            second = second[take..];
            if (pending == BlockLength)
            {
                inner.Compress(block[..BlockLength]);
                pending = 0;
            }
        }

        var innerDigest = Finish(ref inner, block, pending, BlockLength + total);
        Span<byte> digest = stackalloc byte[DigestLength];
        innerDigest.WriteDigest(digest);
        var outer = outerStart;
        digest.CopyTo(block);
        Finish(ref outer, block, DigestLength, BlockLength + DigestLength).WriteDigest(digest);
        digest[..tag.Length].CopyTo(tag);
    }

    /// <summary>FIPS 180-4 §5.1.1: append 1, zeros, and the 64-bit message length in bits, then compress.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Sha1State Finish(ref Sha1State state, Span<byte> block, int pending, long messageLength)
    {
        block[pending] = 0x80;
        var end = pending + 1 + 8 <= BlockLength ? BlockLength : 2 * BlockLength;
        block[(pending + 1)..(end - 8)].Clear();
        BinaryPrimitives.WriteInt64BigEndian(block[(end - 8)..], messageLength * 8);
        state.Compress(block[..end]);
        return state;
    }
}
