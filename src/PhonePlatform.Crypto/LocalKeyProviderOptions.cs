namespace PhonePlatform.Crypto;

/// <summary>Options of the embedded <c>local</c> key provider.</summary>
public sealed class LocalKeyProviderOptions
{
    /// <summary>File holding the 256-bit master key; created with mode 0600 on first run.</summary>
    public string MasterKeyPath { get; set; } = Path.Combine(".data", "keys", "master.key");
}
