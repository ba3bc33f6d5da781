namespace PhonePlatform.Core.Compliance;

/// <summary>
/// A requested export: the whole workspace (<see cref="DataExportScope.Workspace"/>, Owner/Admin) or one member's
/// personal data (<see cref="DataExportScope.Member"/>, requested by that member). The jobs role builds the ZIP into
/// the encrypted blob store (<see cref="BlobName"/>), keeps it until <see cref="ExpiresAt"/>, then deletes it. A
/// download goes through a single-use link: only the SHA-256 of its token is kept (<see cref="LinkTokenHash"/>).
/// </summary>
public sealed class DataExport : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public DataExportScope Scope { get; set; }
    public Guid RequestedByUserId { get; set; }

    /// <summary>Whose personal data a member export holds; null for a workspace export.</summary>
    public Guid? SubjectMembershipId { get; set; }

    public DataExportStatus Status { get; set; }

    /// <summary>What the builder is doing (e.g. <c>messages</c>, <c>media</c>); progress is <see cref="StepsDone"/> of <see cref="StepsTotal"/>.</summary>
    public string Stage { get; set; } = "queued";
    public int StepsDone { get; set; }
    public int StepsTotal { get; set; }

    /// <summary>Size of the ZIP in bytes, once built.</summary>
    public long? Size { get; set; }

    /// <summary>Why the build failed (no personal data: exception type and a short message).</summary>
    public string? Error { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>While running: the builder's claim; another job instance may take the export over after it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>SHA-256 (hex) of the current download link's token; cleared when the link is used.</summary>
    public string? LinkTokenHash { get; set; }
    public DateTimeOffset? LinkIssuedAt { get; set; }
    public DateTimeOffset? LastDownloadedAt { get; set; }
    public int Downloads { get; set; }

    public string BlobName => BlobNameOf(Id);

    public static string BlobNameOf(Guid exportId) => $"exports/{exportId:N}.zip";
}

public enum DataExportScope
{
    Workspace = 0,
    Member = 1,
}

public enum DataExportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Expired = 4,
}
