namespace PhonePlatform.Backups;

/// <summary>One integrity check of a restore: a fixed name (<c>row-counts</c>, <c>audit-chains</c>, …), its outcome and a detail for operators' logs.</summary>
public sealed record RestoreCheck(string Name, bool Passed, string Detail);

/// <summary>The outcome of an automated restore test.</summary>
public sealed record RestoreTestResult(bool Passed, string? BackupId, DateTimeOffset? BackupCreatedAt, DateTimeOffset CheckedAt, IReadOnlyList<RestoreCheck> Checks);
