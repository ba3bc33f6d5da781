namespace PhonePlatform.Crypto;

/// <summary>
/// Holds the master key (KEK) and wraps/unwraps workspace data keys with it. The workspace id is bound to every
/// wrapped key (KMS encryption context, or AES-GCM associated data), so a wrapped key copied to another workspace
/// does not unwrap.
/// </summary>
public interface IKeyProvider
{
    /// <summary>Provider name as configured: <c>local</c> or <c>aws-kms</c>.</summary>
    string Name { get; }

    /// <summary>Generates a random 256-bit data key for <paramref name="workspaceId"/>.</summary>
    Task<GeneratedDataKey> GenerateDataKeyAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Unwraps a key produced by <see cref="GenerateDataKeyAsync"/> for the same workspace.</summary>
    /// <exception cref="DecryptionFailedException">The wrapped key is damaged, foreign, or bound to another workspace.</exception>
    Task<SecretKey> DecryptDataKeyAsync(Guid workspaceId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default);
}
