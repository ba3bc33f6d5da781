using System.Runtime.CompilerServices;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// The only way application code should store blobs: encrypts on the way in, decrypts on the way out, and keeps
/// each workspace's blobs under <c>workspaces/{id:N}/</c> in the underlying <see cref="IBlobStore"/>, which only ever
/// sees ciphertext. The blob name is bound into the encryption, so bytes moved to another name or workspace fail.
/// </summary>
public sealed partial class EncryptedBlobStore
{
    private const string WorkspacesPrefix = "workspaces/";
    private readonly IBlobStore store;
    private readonly BlobCipher cipher;
    private readonly WorkspaceKeyring keyring;

    public EncryptedBlobStore(IBlobStore store, BlobCipher cipher, WorkspaceKeyring keyring)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(keyring);
        this.store = store;
        this.cipher = cipher;
        this.keyring = keyring;
    }

    /// <summary>Key in the underlying store of a workspace's blob.</summary>
    public static string StorageKey(Guid workspaceId, string name)
    {
        BlobKeyRules.Validate(name);
        return $"{WorkspacesPrefix}{workspaceId:N}/{name}";
    }

    /// <summary>Encrypts <paramref name="plaintext"/> (read to its end, streamed) and stores it under <paramref name="name"/>.</summary>
    public async Task PutAsync(Guid workspaceId, string name, Stream plaintext, CancellationToken cancellationToken = default)
    {
        var key = StorageKey(workspaceId, name);
        await using var encrypting = await cipher.EncryptAsync(workspaceId, name, plaintext, leaveOpen: true, cancellationToken);
        await store.PutAsync(key, encrypting, cancellationToken);
    }

    /// <summary>Opens a blob for reading its plaintext; authentication errors surface while reading.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    /// <exception cref="KeyDestroyedException">Its key version was destroyed.</exception>
    public async Task<Stream> OpenReadAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default)
    {
        var stored = await store.OpenReadAsync(StorageKey(workspaceId, name), cancellationToken);
        try
        {
            return await cipher.DecryptAsync(workspaceId, name, stored, leaveOpen: false, cancellationToken);
        }
        catch
        {
            await stored.DisposeAsync();
            throw;
        }
    }

    public Task<bool> ExistsAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.ExistsAsync(StorageKey(workspaceId, name), cancellationToken);

    public Task DeleteAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(StorageKey(workspaceId, name), cancellationToken);

    /// <summary>Names (without the workspace part) of the workspace's blobs starting with <paramref name="prefix"/>.</summary>
    public async IAsyncEnumerable<string> ListAsync(Guid workspaceId, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var root = $"{WorkspacesPrefix}{workspaceId:N}/";
        await foreach (var key in store.ListAsync(root + prefix, cancellationToken))
        {
            yield return key[root.Length..];
        }
    }

    /// <summary>Key version a stored blob was written under.</summary>
    public async Task<int> GetKeyVersionAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default)
    {
        await using var stored = await store.OpenReadAsync(StorageKey(workspaceId, name), cancellationToken);
        var header = new byte[BlobCipher.HeaderSize];
        var read = await stored.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var version = BlobCipher.GetKeyVersion(header.AsSpan(0, read));
        return version > 0 ? version : throw new DecryptionFailedException($"Blob '{name}' is not an encrypted blob of a supported format.");
    }

    /// <summary>
    /// Rotation helper: if the blob is under an older key version, streams it through decryption and re-encryption
    /// under the current version and replaces it (atomically, as the store's put is). Returns false when it was current.
    /// </summary>
    public async Task<bool> ReEncryptAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default)
    {
        var version = await GetKeyVersionAsync(workspaceId, name, cancellationToken);
        if (version == await keyring.GetCurrentVersionAsync(workspaceId, cancellationToken))
        {
            return false;
        }

        await using var plaintext = await OpenReadAsync(workspaceId, name, cancellationToken);
        await PutAsync(workspaceId, name, plaintext, cancellationToken);
        return true;
    }

    public override string ToString() => $"EncryptedBlobStore({store})";
}
