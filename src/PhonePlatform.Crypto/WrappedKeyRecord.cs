namespace PhonePlatform.Crypto;

/// <summary>
/// One stored key version of a workspace. <see cref="WrappedKey"/> is the provider's wrapped form (never the
/// plaintext). A destroyed version keeps its row as a tombstone with an empty <see cref="WrappedKey"/> and a
/// <see cref="DestroyedAt"/>, so decrypting old data reports <see cref="KeyDestroyedException"/> rather than "unknown".
/// </summary>
public sealed record WrappedKeyRecord(
    Guid WorkspaceId,
    KeyPurpose Purpose,
    int Version,
    string ProviderName,
    byte[] WrappedKey,
    bool IsCurrent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DestroyedAt)
{
    public bool IsDestroyed => DestroyedAt is not null;

    public override string ToString() =>
        $"WrappedKeyRecord({WorkspaceId}, {Purpose} v{Version}, {ProviderName}, current={IsCurrent}, destroyed={IsDestroyed})";
}
