using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>The SHA-1 state (H0..H4) and its compression function (FIPS 180-4 §6.1.2), in managed code.</summary>
internal struct Sha1State
{
    public uint A;
    public uint B;
    public uint C;
    public uint D;
    public uint E;

    /// <summary>FIPS 180-4 §5.3.1: the initial hash value.</summary>
    public static Sha1State Initial => new() { A = 0x67452301, B = 0xEFCDAB89, C = 0x98BADCFE, D = 0x10325476, E = 0xC3D2E1F0 };

    /// <summary>Processes whole 64-octet blocks.</summary>
    public void Compress(ReadOnlySpan<byte> blocks)
    {
        Span<uint> w = stackalloc uint[80];
        while (blocks.Length >= 64)
        {
            for (var t = 0; t < 16; t++)
            {
                w[t] = BinaryPrimitives.ReadUInt32BigEndian(blocks[(4 * t)..]);
            }

            for (var t = 16; t < 80; t++)
            {
                w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }

            uint a = A, b = B, c = C, d = D, e = E;
            var t2 = 0;
            for (; t2 < 20; t2++)
            {
                var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (~b & d)) + e + 0x5A827999 + w[t2];
                e = d;
                d = c;
                c = BitOperations.RotateLeft(b, 30);
                b = a;
                a = temp;
            }

            for (; t2 < 40; t2++)
            {
                var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ED9EBA1 + w[t2];
                e = d;
                d = c;
                c = BitOperations.RotateLeft(b, 30);
                b = a;
                a = temp;
            }

            for (; t2 < 60; t2++)
            {
                var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8F1BBCDC + w[t2];
                e = d;
                d = c;
                c = BitOperations.RotateLeft(b, 30);
                b = a;
                a = temp;
            }

            for (; t2 < 80; t2++)
            {
                var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0xCA62C1D6 + w[t2];
                e = d;
                d = c;
                c = BitOperations.RotateLeft(b, 30);
                b = a;
                a = temp;
            }

            A += a;
            B += b;
            C += c;
            D += d;
            E += e;
            blocks = blocks[64..];
        }
    }

    /// <summary>Writes H0..H4 big-endian (the 20-octet digest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void WriteDigest(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, A);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], B);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], C);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], D);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], E);
    }
}
