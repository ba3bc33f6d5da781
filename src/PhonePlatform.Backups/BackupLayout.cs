using System.Globalization;

namespace PhonePlatform.Backups;

/// <summary>Where backups live in the blob store: <c>backups/{id}/database.dump.enc</c> and <c>backups/{id}/manifest.json.enc</c>.</summary>
public static class BackupLayout
{
    public const string Prefix = "backups/";
    public const string DatabaseObject = "database.dump.enc";
    public const string ManifestObject = "manifest.json.enc";

    /// <summary>Backup ids are UTC timestamps, so ordinal order is age order.</summary>
    public static string NewId(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Key(string backupId, string objectName) => $"{Prefix}{backupId}/{objectName}";
}
