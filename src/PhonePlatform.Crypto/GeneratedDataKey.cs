namespace PhonePlatform.Crypto;

/// <summary>A fresh data key from a key provider: the plaintext for immediate use and the wrapped form to store.</summary>
public sealed class GeneratedDataKey : IDisposable
{
    public GeneratedDataKey(SecretKey plaintext, byte[] wrappedKey)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        Plaintext = plaintext;
        WrappedKey = wrappedKey;
    }

    public SecretKey Plaintext { get; }

    /// <summary>The key encrypted under the provider's master key; safe to store.</summary>
    public byte[] WrappedKey { get; }

    public void Dispose() => Plaintext.Dispose();

    public override string ToString() => $"GeneratedDataKey(wrapped {WrappedKey.Length} bytes, plaintext redacted)";
}
