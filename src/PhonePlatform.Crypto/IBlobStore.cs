namespace PhonePlatform.Crypto;

/// <summary>
/// Where blob bytes live (S3 or a local folder). Stores know nothing about encryption: only
/// <see cref="EncryptedBlobStore"/> should write to them, so only ciphertext reaches them.
/// Keys are relative paths of segments <c>[A-Za-z0-9_=-][A-Za-z0-9._=-]*</c> joined by '/', at most 1024 characters.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any previous blob atomically.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob for reading.</summary>
    /// <exception cref="BlobNotFoundException">No blob has that key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; deleting a missing blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys starting with <paramref name="prefix"/> (plain string prefix), in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
