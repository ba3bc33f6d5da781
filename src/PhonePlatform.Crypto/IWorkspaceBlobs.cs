namespace PhonePlatform.Crypto;

/// <summary>
/// The way application code stores a workspace's blobs: through <see cref="EncryptedBlobStore"/> (only ciphertext
/// reaches the store) and recorded in the workspace's blob catalogue (kind, key version, size), so key rotation,
/// retention, export and purge can find every blob. The data layer implements it (<c>CataloguedBlobStore</c>).
/// </summary>
public interface IWorkspaceBlobs
{
    /// <summary>Encrypts and stores <paramref name="plaintext"/> (read to its end, streamed) and catalogues it; replaces a blob of the same name.</summary>
    /// <returns>The plaintext size in bytes.</returns>
    Task<long> StoreAsync(Guid workspaceId, BlobKind kind, string name, Stream plaintext, CancellationToken cancellationToken = default);

    /// <summary>Opens a catalogued blob for reading its plaintext.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    Task<Stream> OpenReadAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob and its catalogue entry; deleting a missing blob is not an error.</summary>
    Task DeleteAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default);
}
