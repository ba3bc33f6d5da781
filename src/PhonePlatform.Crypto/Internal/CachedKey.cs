using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// An unwrapped key in the cache, with a small pool of <see cref="AesGcm"/> instances (each instance is single-threaded;
/// building one per call would cost the key schedule every time). Reference-counted: the cache holds one reference,
/// every in-flight operation another; the key bytes are zeroed and the pooled ciphers disposed only when the last
/// reference goes, so eviction never pulls a key out from under a running encryption.
/// </summary>
internal sealed class CachedKey
{
    private readonly byte[] key;
    private readonly AesGcm?[] pool;
    private AesGcm? fastSlot;
    private int references = 1;
    private int retired;

    public CachedKey(Guid workspaceId, KeyPurpose purpose, int version, SecretKey material, long expiresAtTimestamp)
    {
        WorkspaceId = workspaceId;
        Purpose = purpose;
        Version = version;
        ExpiresAtTimestamp = expiresAtTimestamp;
        key = GC.AllocateUninitializedArray<byte>(material.Length, pinned: true);
        material.Span.CopyTo(key);
        pool = new AesGcm?[Environment.ProcessorCount * 2];
    }

    public Guid WorkspaceId { get; }

    public KeyPurpose Purpose { get; }

    public int Version { get; }

    public long ExpiresAtTimestamp { get; }

    /// <summary>The key bytes; only valid between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.</summary>
    public ReadOnlySpan<byte> Key => key;

    /// <summary>Test hook: the backing array, to verify it is zeroed after eviction.</summary>
    internal byte[] KeyArrayForTests => key;

    public bool IsRetired => Volatile.Read(ref retired) != 0;

    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref references);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            Destroy();
        }
    }

    /// <summary>Drops the cache's reference; the key is zeroed once the last user releases it.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref retired, 1) == 0)
        {
            Release();
        }
    }

    /// <summary>Rents a cipher bound to this key; call only while holding a reference, and return it before releasing.</summary>
    public AesGcm RentCipher()
    {
        var cipher = Interlocked.Exchange(ref fastSlot, null);
        if (cipher is not null)
        {
            return cipher;
        }

        for (var i = 0; i < pool.Length; i++)
        {
            cipher = Interlocked.Exchange(ref pool[i], null);
            if (cipher is not null)
            {
                return cipher;
            }
        }

        return new AesGcm(key, AesGcmLayout.TagSize);
    }

    public void ReturnCipher(AesGcm cipher)
    {
        if (Interlocked.CompareExchange(ref fastSlot, cipher, null) is null)
        {
            return;
        }

        for (var i = 0; i < pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref pool[i], cipher, null) is null)
            {
                return;
            }
        }

        cipher.Dispose();
    }

    private void Destroy()
    {
        CryptographicOperations.ZeroMemory(key);
        Interlocked.Exchange(ref fastSlot, null)?.Dispose();
        for (var i = 0; i < pool.Length; i++)
        {
            Interlocked.Exchange(ref pool[i], null)?.Dispose();
        }
    }

    public override string ToString() => $"CachedKey({WorkspaceId}, {Purpose} v{Version}, redacted)";
}
