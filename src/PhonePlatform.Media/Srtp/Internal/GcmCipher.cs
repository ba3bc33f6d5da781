using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// AES-128-GCM with a 16-octet tag and a 12-octet nonce, in place: on AES-NI + PCLMULQDQ through
/// <see cref="Aes128Ni"/> and <see cref="Ghash"/> with the key schedule and powers of H computed once per key,
/// otherwise through the BCL's <see cref="AesGcm"/>.
/// </summary>
internal abstract class GcmCipher : IDisposable
{
    public const int TagLength = 16;
    public const int NonceLength = 12;

    public static bool IntrinsicsSupported => Aes128Ni.IsSupported && Ghash.IsSupported;

    /// <summary>The intrinsics implementation when the CPU has it, else the BCL's.</summary>
    public static GcmCipher Create(ReadOnlySpan<byte> key) => IntrinsicsSupported ? new Intrinsics(key) : new Bcl(key);

    /// <summary>The BCL implementation regardless of the CPU (the differential tests' reference).</summary>
    public static GcmCipher CreateBcl(ReadOnlySpan<byte> key) => new Bcl(key);

    /// <summary>Encrypts <paramref name="data"/> in place and writes the tag.</summary>
    public abstract void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad);

    /// <summary>Verifies the tag, then decrypts <paramref name="data"/> in place; false (data not to be used) when it does not verify.</summary>
    public abstract bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad);

    public virtual void Dispose()
    {
    }

    private sealed class Intrinsics : GcmCipher
    {
        private readonly Aes128Ni aes;
        private readonly Ghash ghash;

        public Intrinsics(ReadOnlySpan<byte> key)
        {
            aes = new Aes128Ni(key);
            ghash = new Ghash(aes.Encrypt(Vector128<byte>.Zero));
        }

        public override void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad)
        {
            var j0 = InitialCounter(nonce);
            aes.ApplyCounterMode(Increment(j0), uint.MaxValue, data);
            (ghash.Compute(aad, data) ^ aes.Encrypt(j0)).CopyTo(tag);
        }

        public override bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
        {
            var j0 = InitialCounter(nonce);
            Span<byte> expected = stackalloc byte[TagLength];
            (ghash.Compute(aad, data) ^ aes.Encrypt(j0)).CopyTo(expected);
            if (tag.Length != TagLength || !CryptographicOperations.FixedTimeEquals(expected, tag))
            {
                return false;
            }

            aes.ApplyCounterMode(Increment(j0), uint.MaxValue, data);
            return true;
        }

        /// <summary>SP 800-38D §7.1: for a 96-bit IV, J0 = IV || 0^31 || 1.</summary>
        private static Vector128<byte> InitialCounter(ReadOnlySpan<byte> nonce)
        {
            if (nonce.Length != NonceLength)
            {
                throw new ArgumentException("GCM here takes a 12-octet nonce.", nameof(nonce));
            }

            Span<byte> block = stackalloc byte[16];
            nonce.CopyTo(block);
            block[12] = 0;
            block[13] = 0;
            block[14] = 0;
            block[15] = 1;
            return Vector128.Create<byte>(block);
        }

        // J0's counter is 1, so inc32(J0) only changes its last octet to 2.
        private static Vector128<byte> Increment(Vector128<byte> j0) => j0.WithElement(15, (byte)2);
    }

    private sealed class Bcl(ReadOnlySpan<byte> key) : GcmCipher
    {
        private readonly AesGcm aead = new(key, TagLength);

        public override void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad) =>
            aead.Encrypt(nonce, data, data, tag, aad);

        public override bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
        {
            try
            {
                aead.Decrypt(nonce, data, tag, data, aad);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        public override void Dispose()
        {
            aead.Dispose();
            base.Dispose();
        }
    }
}
