namespace PhonePlatform.Backups;

/// <summary>Settings of the <c>Backup</c> section.</summary>
public sealed class BackupOptions
{
    /// <summary><c>hourly</c> or <c>daily</c>.</summary>
    public string Schedule { get; set; } = "daily";

    /// <summary>How many complete backups to keep; older ones are deleted after each new backup.</summary>
    public int RetentionCount { get; set; } = 14;

    /// <summary>Folder of <c>pg_dump</c> and <c>pg_restore</c>; the newest <c>/usr/lib/postgresql/*/bin</c> when empty.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>
    /// Connection (any database) of a role allowed to create and drop the scratch databases of restore tests;
    /// the platform's own connection with database <c>postgres</c> when empty.
    /// </summary>
    public string? ScratchServerConnectionString { get; set; }

    /// <summary>How often the jobs role runs the restore test.</summary>
    public TimeSpan RestoreTestInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Encrypted records and blobs decrypted per workspace by the restore test.</summary>
    public int SamplesPerWorkspace { get; set; } = 5;

    /// <summary>Interval between backups for <see cref="Schedule"/>.</summary>
    public TimeSpan Interval => Schedule.ToLowerInvariant() switch
    {
        "hourly" => TimeSpan.FromHours(1),
        "daily" => TimeSpan.FromDays(1),
        _ => throw new InvalidOperationException($"Backup:Schedule must be 'hourly' or 'daily', not '{Schedule}'."),
    };
}
