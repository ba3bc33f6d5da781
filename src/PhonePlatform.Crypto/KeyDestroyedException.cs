namespace PhonePlatform.Crypto;

/// <summary>
/// The key version a ciphertext needs was destroyed (rotation clean-up or crypto-shredding of the workspace):
/// the data is unrecoverable by design.
/// </summary>
public sealed class KeyDestroyedException : DecryptionFailedException
{
    public KeyDestroyedException()
        : base("The key was destroyed.")
    {
    }

    public KeyDestroyedException(string message)
        : base(message)
    {
    }

    public KeyDestroyedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeyDestroyedException(Guid workspaceId, KeyPurpose purpose, int version)
        : base($"Key {purpose} v{version} of workspace {workspaceId} was destroyed; data under it is unrecoverable.")
    {
        WorkspaceId = workspaceId;
        Purpose = purpose;
        Version = version;
    }

    public Guid WorkspaceId { get; }

    public KeyPurpose Purpose { get; }

    public int Version { get; }
}
