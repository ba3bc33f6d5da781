using PhonePlatform.Core;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// Progress of re-encrypting a workspace's protected fields and catalogued blobs under a new data key version. Persisted after every
/// batch (in the batch's transaction), so a crashed job resumes where it stopped.
/// </summary>
public sealed class KeyRotation : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public int ToVersion { get; set; }

    /// <summary>
    /// Position in the ordered list of protected entity types (<see cref="ProtectedFields.All"/>); the index after
    /// the last type is the blob catalogue (<c>StoredBlobs</c>), the one after that the final check.
    /// </summary>
    public int EntityIndex { get; set; }

    /// <summary>Keyset cursor: the last record id done in the current entity type.</summary>
    public Guid LastId { get; set; }

    /// <summary>Values rewritten in the current pass; a pass that rewrites nothing ends the rotation.</summary>
    public long RewrittenThisPass { get; set; }
    public long ReEncrypted { get; set; }

    /// <summary>Catalogued blobs re-encrypted so far (also counted in <see cref="ReEncrypted"/>).</summary>
    public long BlobsReEncrypted { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
