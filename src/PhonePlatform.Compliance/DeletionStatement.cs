namespace PhonePlatform.Compliance;

/// <summary>The content of a deletion certificate: what was deleted, when, and which key versions were destroyed.</summary>
public sealed record DeletionStatement(
    Guid CertificateId,
    Guid WorkspaceId,
    string? WorkspaceName,
    DateTimeOffset CancellationRequestedAt,
    DateTimeOffset PurgeStartedAt,
    DateTimeOffset PurgeCompletedAt,
    IReadOnlyList<DeletedRecords> Records,
    int BlobsDeleted,
    IReadOnlyList<DestroyedKey> KeysDestroyed);

/// <summary>Rows deleted from one table by one participant.</summary>
public sealed record DeletedRecords(string Participant, string Table, int Count);

/// <summary>A destroyed key version; <see cref="KeyId"/> is <c>workspace/purpose/vN</c>.</summary>
public sealed record DestroyedKey(string KeyId, string Purpose, int Version, string Provider, DateTimeOffset DestroyedAt);
