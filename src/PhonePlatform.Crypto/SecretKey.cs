using System.Security.Cryptography;

namespace PhonePlatform.Crypto;

/// <summary>
/// Plaintext key material. Held in a pinned array (the GC never leaves copies behind), zeroed on <see cref="Dispose"/>,
/// and never printed: <see cref="ToString"/> says nothing about the bytes.
/// </summary>
public sealed class SecretKey : IDisposable
{
    private readonly byte[] bytes;
    private bool disposed;

    /// <summary>Copies <paramref name="material"/> into pinned memory; the caller keeps ownership of its own copy.</summary>
    public SecretKey(ReadOnlySpan<byte> material)
    {
        bytes = GC.AllocateUninitializedArray<byte>(material.Length, pinned: true);
        material.CopyTo(bytes);
    }

    /// <summary>Key length in bytes.</summary>
    public int Length => bytes.Length;

    /// <summary>The key bytes; valid until disposed.</summary>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return bytes;
        }
    }

    /// <summary>Returns a new key holding the same bytes (the copy has its own lifetime).</summary>
    public SecretKey Clone() => new(Span);

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public override string ToString() => $"SecretKey({bytes.Length * 8} bits, redacted)";
}
