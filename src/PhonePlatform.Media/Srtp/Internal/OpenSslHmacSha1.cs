using System.Runtime.InteropServices;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// <see cref="HmacSha1"/> on OpenSSL's low-level SHA1_Init/Update/Final (libcrypto 3, SHA-NI when the CPU has it):
/// the SHA_CTX after the inner and the outer padded key block is kept and copied per MAC, so a MAC is four short
/// native calls and no EVP context work.
/// </summary>
internal sealed class OpenSslHmacSha1 : HmacSha1
{
    // SHA_CTX (openssl/sha.h): h0..h4, Nl, Nh, data[16], num: 24 32-bit words. Held with room to spare.
    private const int ContextLength = 128;

    private static readonly Lazy<bool> Available = new(Probe);

    private readonly byte[] innerStart = new byte[ContextLength];
    private readonly byte[] outerStart = new byte[ContextLength];
    private readonly byte[] context = new byte[ContextLength];
    private readonly byte[] digest = new byte[DigestLength];

    public OpenSslHmacSha1(ReadOnlySpan<byte> key)
    {
        Span<byte> pad = stackalloc byte[BlockLength];
        PaddedKey(key, 0x36, pad);
        Absorb(innerStart, pad);
        PaddedKey(key, 0x5C, pad);
        Absorb(outerStart, pad);
    }

    /// <summary>libcrypto.so.3 loads and exports the SHA1_* functions.</summary>
    public static bool IsAvailable => Available.Value;

    public override void Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> tag)
    {
        innerStart.CopyTo(context, 0);
        NativeMethods.SHA1_Update(ref context[0], ref MemoryMarshal.GetReference(first), (nuint)first.Length);
        NativeMethods.SHA1_Update(ref context[0], ref MemoryMarshal.GetReference(second), (nuint)second.Length);
        NativeMethods.SHA1_Final(ref digest[0], ref context[0]);
        outerStart.CopyTo(context, 0);
        NativeMethods.SHA1_Update(ref context[0], ref digest[0], DigestLength);
        NativeMethods.SHA1_Final(ref digest[0], ref context[0]);
        digest.AsSpan(0, tag.Length).CopyTo(tag);
    }

    private static void Absorb(byte[] state, ReadOnlySpan<byte> block)
    {
        NativeMethods.SHA1_Init(ref state[0]);
        NativeMethods.SHA1_Update(ref state[0], ref MemoryMarshal.GetReference(block), (nuint)block.Length);
    }

    private static bool Probe()
    {
        try
        {
            var state = new byte[ContextLength];
            var output = new byte[DigestLength];
            NativeMethods.SHA1_Init(ref state[0]);
            NativeMethods.SHA1_Final(ref output[0], ref state[0]);

            // FIPS 180-4: SHA-1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709; anything else means a different ABI.
            return Convert.ToHexStringLower(output) == "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    // Blittable by-ref arguments, no marshalling; the calls are short and never block, hence no GC transition.
    // The functions return 1, or 0 only for null pointers, which these never pass: the result is not read.
#pragma warning disable SYSLIB1054, CA5392
    private static class NativeMethods
    {
        private const string LibCrypto = "libcrypto.so.3";

        [DllImport(LibCrypto)]
        [SuppressGCTransition]
        public static extern void SHA1_Init(ref byte context);

        [DllImport(LibCrypto)]
        [SuppressGCTransition]
        public static extern void SHA1_Update(ref byte context, ref byte data, nuint length);

        [DllImport(LibCrypto)]
        [SuppressGCTransition]
        public static extern void SHA1_Final(ref byte digest, ref byte context);
    }
#pragma warning restore SYSLIB1054, CA5392
}
