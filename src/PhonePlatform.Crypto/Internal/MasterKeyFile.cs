using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Internal;

/// <summary>Creates (mode 0600, atomically) or loads the local master key file. Its path is fine to report; its bytes never are.</summary>
internal static class MasterKeyFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static SecretKey LoadOrCreate(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            try
            {
                return Create(fullPath);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Another process created it first; use theirs.
            }
        }

        return Load(fullPath);
    }

    private static SecretKey Create(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }

        Span<byte> key = stackalloc byte[KeyMaterial.DataKeySize];
        RandomNumberGenerator.Fill(key);
        var temporary = fullPath + ".new-" + Guid.NewGuid().ToString("N");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600 from the first byte: no window in which the key is readable by others.
                options.UnixCreateMode = OwnerOnlyFile;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            // Publish complete: a concurrent starter sees no file or the whole key, never a partial one.
            File.Move(temporary, fullPath, overwrite: false);
            return new SecretKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temporary);
        }
    }

    private static SecretKey Load(string fullPath)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(fullPath) & GroupOrOther) != 0)
        {
            throw new InvalidOperationException(
                $"Master key file '{fullPath}' is accessible by group or others; restrict it with 'chmod 600'.");
        }

        Span<byte> key = stackalloc byte[KeyMaterial.DataKeySize + 1];
        try
        {
            int length;
            using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                length = stream.ReadAtLeast(key, key.Length, throwOnEndOfStream: false);
            }

            if (length != KeyMaterial.DataKeySize)
            {
                throw new InvalidOperationException(
                    $"Master key file '{fullPath}' must hold exactly {KeyMaterial.DataKeySize} bytes.");
            }

            return new SecretKey(key[..KeyMaterial.DataKeySize]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
