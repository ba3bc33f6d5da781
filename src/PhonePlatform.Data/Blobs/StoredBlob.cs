using PhonePlatform.Core;
using PhonePlatform.Crypto;

namespace PhonePlatform.Data.Blobs;

/// <summary>
/// Catalogue entry of one encrypted blob of a workspace (its bytes live in the blob store under
/// <see cref="EncryptedBlobStore.StorageKey"/>). Written by <see cref="CataloguedBlobStore"/> only; rotation updates
/// <see cref="KeyVersion"/> after re-encrypting the blob.
/// </summary>
public sealed class StoredBlob : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }

    /// <summary>Name inside the workspace, e.g. <c>voicemail/0192….wav</c>.</summary>
    public required string Name { get; set; }

    public BlobKind Kind { get; set; }

    /// <summary>Data key version the stored ciphertext was written under.</summary>
    public int KeyVersion { get; set; }

    /// <summary>Plaintext size in bytes.</summary>
    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
