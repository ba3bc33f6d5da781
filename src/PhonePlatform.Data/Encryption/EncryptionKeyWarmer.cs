using System.Collections.Concurrent;
using PhonePlatform.Crypto;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// Loads a workspace's keys (current data key, blind-index key and every live older data version) into the keyring
/// cache so the synchronous encrypt-on-save and decrypt-on-load paths can run. Called by the data layer's interceptors
/// before every async query and save; remembers a warm-up for well under the keyring's cache duration.
/// </summary>
public sealed class EncryptionKeyWarmer(WorkspaceKeyring keyring, IWrappedKeyStore store, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> warmedAt = new();

    public async Task WarmAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (warmedAt.TryGetValue(workspaceId, out var at) && now - at < Freshness)
        {
            return;
        }

        try
        {
            await keyring.WarmAsync(workspaceId, cancellationToken);
            foreach (var record in await store.GetVersionsAsync(workspaceId, KeyPurpose.Data, cancellationToken))
            {
                if (!record.IsDestroyed && !record.IsCurrent)
                {
                    await keyring.WarmVersionAsync(workspaceId, record.Version, cancellationToken);
                }
            }
        }
        catch (KeyDestroyedException)
        {
            // A shredded workspace: nothing to load; its ciphertexts stay closed.
        }

        warmedAt[workspaceId] = now;
    }

    /// <summary>Forgets warm-ups (after a rotation, shredding, or when another process changed the keys).</summary>
    public void Forget(Guid workspaceId)
    {
        warmedAt.TryRemove(workspaceId, out _);
        keyring.EvictWorkspace(workspaceId);
    }
}
