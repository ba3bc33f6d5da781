namespace PhonePlatform.Crypto.Internal;

/// <summary>A held reference to a cached key; dispose to release it. A struct so the hot path allocates nothing.</summary>
internal readonly struct KeyLease : IDisposable
{
    public KeyLease(CachedKey entry) => Entry = entry;

    public CachedKey Entry { get; }

    public int Version => Entry.Version;

    public ReadOnlySpan<byte> Key => Entry.Key;

    public void Dispose() => Entry?.Release();
}
