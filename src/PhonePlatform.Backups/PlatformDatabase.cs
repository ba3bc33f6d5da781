namespace PhonePlatform.Backups;

/// <summary>The platform's PostgreSQL database, as backups see it.</summary>
public sealed record PlatformDatabase(string ConnectionString)
{
    public override string ToString() => "PlatformDatabase(connection redacted)";
}
