namespace PhonePlatform.Backups;

/// <summary>A backup or restore step failed (tool exit code, missing object, integrity mismatch).</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
