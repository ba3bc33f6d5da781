namespace PhonePlatform.Core.Compliance;

/// <summary>
/// A workspace's cancellation: from <see cref="RequestedAt"/> it is read-only, and once <see cref="PurgeAfter"/> has
/// passed the retention job deletes its records and blobs and destroys its keys. Deliberately not tenant-scoped and
/// without a foreign key: the row outlives the workspace as the link to its deletion certificate.
/// </summary>
public sealed class WorkspaceCancellation
{
    public Guid WorkspaceId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? RequestedByUserId { get; set; }
    public DateTimeOffset PurgeAfter { get; set; }
    public DateTimeOffset? PurgedAt { get; set; }
    public Guid? CertificateId { get; set; }
}
