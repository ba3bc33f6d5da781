using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// GHASH (NIST SP 800-38D §6.4) with carry-less multiplication, in the byte-reflected form of Intel's
/// "Carry-Less Multiplication and Its Usage for Computing the GCM Mode" (Gueron and Kounavis, algorithms 1 and 5):
/// blocks are byte-reversed, multiplied by PCLMULQDQ, shifted left by one and reduced modulo
/// x^128 + x^7 + x^2 + x + 1. Four blocks at a time are multiplied by H^4..H^1 and reduced once.
/// </summary>
internal sealed class Ghash
{
    private static readonly Vector128<byte> ByteReverse = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    private readonly Vector128<ulong> h1;
    private readonly Vector128<ulong> h2;
    private readonly Vector128<ulong> h3;
    private readonly Vector128<ulong> h4;

    /// <param name="hashSubkey">H = E_K(0^128), as the block cipher returns it.</param>
    public Ghash(Vector128<byte> hashSubkey)
    {
        h1 = Reflect(hashSubkey);
        h2 = Multiply(h1, h1);
        h3 = Multiply(h2, h1);
        h4 = Multiply(h3, h1);
    }

    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    /// <summary>GHASH_H(A || 0* || C || 0* || [len(A)]64 || [len(C)]64), returned in wire byte order.</summary>
    public Vector128<byte> Compute(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        var x = Vector128<ulong>.Zero;
        x = Absorb(x, aad);
        x = Absorb(x, ciphertext);
        var lengths = Vector128.Create((ulong)ciphertext.Length * 8, (ulong)aad.Length * 8);
        x = Multiply(x ^ lengths, h1);
        return Ssse3.Shuffle(x.AsByte(), ByteReverse);
    }

    private Vector128<ulong> Absorb(Vector128<ulong> x, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 64)
        {
            var c0 = Reflect(Vector128.Create(data)) ^ x;
            var c1 = Reflect(Vector128.Create(data[16..]));
            var c2 = Reflect(Vector128.Create(data[32..]));
            var c3 = Reflect(Vector128.Create(data[48..]));
            var (lo, hi) = MultiplyUnreduced(c0, h4);
            Accumulate(ref lo, ref hi, c1, h3);
            Accumulate(ref lo, ref hi, c2, h2);
            Accumulate(ref lo, ref hi, c3, h1);
            x = Reduce(lo, hi);
            data = data[64..];
        }

        while (data.Length >= 16)
        {
            x = Multiply(x ^ Reflect(Vector128.Create(data)), h1);
            data = data[16..];
        }

        if (!data.IsEmpty)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data.CopyTo(last);
            x = Multiply(x ^ Reflect(Vector128.Create<byte>(last)), h1);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reflect(Vector128<byte> block) => Ssse3.Shuffle(block, ByteReverse).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        var (lo, hi) = MultiplyUnreduced(a, b);
        return Reduce(lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Vector128<ulong> lo, ref Vector128<ulong> hi, Vector128<ulong> a, Vector128<ulong> b)
    {
        var (l, h) = MultiplyUnreduced(a, b);
        lo ^= l;
        hi ^= h;
    }

    /// <summary>The 256-bit carry-less product hi:lo (algorithm 1, schoolbook with four PCLMULQDQ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<ulong> Lo, Vector128<ulong> Hi) MultiplyUnreduced(Vector128<ulong> a, Vector128<ulong> b)
    {
        var lo = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        var mid = Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        var hi = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        lo ^= Sse2.ShiftLeftLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        hi ^= Sse2.ShiftRightLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        return (lo, hi);
    }

    /// <summary>Algorithm 5: shift the reflected product left by one bit, then reduce modulo the GCM polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> lo64, Vector128<ulong> hi64)
    {
        var lo = lo64.AsUInt32();
        var hi = hi64.AsUInt32();
        var carryLo = Sse2.ShiftRightLogical(lo, 31);
        var carryHi = Sse2.ShiftRightLogical(hi, 31);
        lo = Sse2.ShiftLeftLogical(lo, 1);
        hi = Sse2.ShiftLeftLogical(hi, 1);
        var carryAcross = Sse2.ShiftRightLogical128BitLane(carryLo.AsByte(), 12).AsUInt32();
        carryHi = Sse2.ShiftLeftLogical128BitLane(carryHi.AsByte(), 4).AsUInt32();
        carryLo = Sse2.ShiftLeftLogical128BitLane(carryLo.AsByte(), 4).AsUInt32();
        lo |= carryLo;
        hi |= carryHi | carryAcross;

        var a = Sse2.ShiftLeftLogical(lo, 31) ^ Sse2.ShiftLeftLogical(lo, 30) ^ Sse2.ShiftLeftLogical(lo, 25);
        var b = Sse2.ShiftRightLogical128BitLane(a.AsByte(), 4).AsUInt32();
        a = Sse2.ShiftLeftLogical128BitLane(a.AsByte(), 12).AsUInt32();
        lo ^= a;
        var c = Sse2.ShiftRightLogical(lo, 1) ^ Sse2.ShiftRightLogical(lo, 2) ^ Sse2.ShiftRightLogical(lo, 7) ^ b;
        lo ^= c;
        return (hi ^ lo).AsUInt64();
    }
}
