namespace PhonePlatform.Core.Compliance;

/// <summary>
/// Proof of a workspace's deletion: <see cref="Document"/> is the JSON statement (what was deleted, when, which key
/// versions were destroyed) and <see cref="Sha256"/> the lower-case hex SHA-256 of its UTF-8 bytes. Kept after the
/// workspace is gone, so it is not tenant-scoped.
/// </summary>
public sealed class DeletionCertificate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string Document { get; set; }
    public required string Sha256 { get; set; }
}
