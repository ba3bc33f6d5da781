namespace PhonePlatform.Backups.Internal;

/// <summary>A private (0600) temporary file deleted on dispose; dumps hold the database's ciphertext and wrapped keys.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string suffix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pp-backup-{Guid.NewGuid():N}{suffix}");
        using (File.Create(Path))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
