using PhonePlatform.Crypto;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// Crypto-shredding of a workspace: destroys every wrapped key (data versions and the blind-index root). Afterwards
/// no ciphertext of the workspace, in the database, its backups or the blob store, can be decrypted
/// (<see cref="KeyDestroyedException"/>). Irreversible; the workspace-deletion flow calls it before deleting rows.
/// </summary>
public sealed class WorkspaceShredder(WorkspaceKeyring keyring, EncryptionKeyWarmer warmer)
{
    public async Task ShredAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await keyring.ShredWorkspaceAsync(workspaceId, cancellationToken);
        warmer.Forget(workspaceId);
    }
}
