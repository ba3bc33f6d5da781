namespace PhonePlatform.Crypto;

/// <summary>Options of the embedded <c>local</c> blob store.</summary>
public sealed class LocalFolderBlobStoreOptions
{
    /// <summary>Folder under which blobs are stored as files (created if missing).</summary>
    public string RootPath { get; set; } = Path.Combine(".data", "blobs");
}
