namespace PhonePlatform.Crypto;

/// <summary>What a workspace key is for. Each purpose has its own independently wrapped key versions.</summary>
public enum KeyPurpose
{
    /// <summary>Data encryption key (DEK) for fields and blobs; rotates.</summary>
    Data = 1,

    /// <summary>Root of the blind-index keys; created once per workspace and never rotated, so lookups stay stable.</summary>
    BlindIndex = 2,
}
