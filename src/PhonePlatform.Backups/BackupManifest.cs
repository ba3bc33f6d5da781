namespace PhonePlatform.Backups;

/// <summary>
/// What one backup holds, written (encrypted) next to the dump as the last object of a backup, so a backup without a
/// manifest is incomplete. Row counts were taken in the snapshot <c>pg_dump</c> exported, so they match the dump exactly.
/// </summary>
public sealed record BackupManifest(
    string Id,
    DateTimeOffset CreatedAt,
    string DatabaseSha256,
    long DatabaseBytes,
    IReadOnlyDictionary<string, long> TableRowCounts,
    IReadOnlyList<BlobEntry> Blobs);

/// <summary>A blob of the store at backup time: its key, ciphertext length and the SHA-256 of its ciphertext.</summary>
public sealed record BlobEntry(string Key, long Length, string Sha256);
