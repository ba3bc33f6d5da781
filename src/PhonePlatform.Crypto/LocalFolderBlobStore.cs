using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Blobs as files under a root folder (the embedded default). Writes go to a temporary file in the target folder,
/// are flushed to disk and renamed over the target, so a reader sees the old blob or the new one, never half of one.
/// Keys are checked by <see cref="IBlobStore"/>'s rules and the resolved path must stay under the root.
/// </summary>
public sealed class LocalFolderBlobStore : IBlobStore
{
    private const string TemporaryPrefix = ".put-";
    private readonly string root;

    public LocalFolderBlobStore(LocalFolderBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootPath);
        root = Path.GetFullPath(options.RootPath);
        Directory.CreateDirectory(root);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Resolve(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = new FileStream(temporary, options))
            {
                await content.CopyToAsync(file, 81920, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException($"Blob '{key}' not found.", ex);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(Resolve(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKeyRules.ValidatePrefix(prefix);
        return ListKeys(prefix, cancellationToken).ToAsyncEnumerable();
    }

    public override string ToString() => $"LocalFolderBlobStore({root})";

    private List<string> ListKeys(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? root : Path.Combine(root, prefix[..slash]);
        if (!Directory.Exists(start))
        {
            return keys;
        }

        foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && BlobKeyRules.IsValid(key))
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private string Resolve(string key)
    {
        BlobKeyRules.Validate(key);
        var path = Path.GetFullPath(Path.Combine(root, key));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Blob key resolves outside the store's root.", nameof(key));
        }

        return path;
    }
}
