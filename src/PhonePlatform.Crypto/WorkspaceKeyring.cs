using System.Collections.Concurrent;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// The workspace keys: creates a workspace's first data key on first use, unwraps stored versions through the
/// <see cref="IKeyProvider"/>, caches them for <see cref="WorkspaceKeyringOptions.CacheDuration"/> (zeroed on
/// eviction), and performs rotation and destruction (crypto-shredding). Thread-safe; one instance per process.
/// </summary>
public sealed class WorkspaceKeyring : IDisposable
{
    private const int MaxStoreRaces = 5;

    private readonly IKeyProvider provider;
    private readonly IWrappedKeyStore store;
    private readonly TimeProvider time;
    private readonly long cacheDurationTimestamp;
    private readonly ConcurrentDictionary<KeySlot, CachedKey> byVersion = new();
    private readonly ConcurrentDictionary<(Guid, KeyPurpose), CachedKey> currentKeys = new();
    private readonly ConcurrentDictionary<KeySlot, Lazy<Task<CachedKey>>> loads = new();
    private readonly ITimer sweeper;

    public WorkspaceKeyring(IKeyProvider provider, IWrappedKeyStore store, WorkspaceKeyringOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CacheDuration, TimeSpan.Zero);
        this.provider = provider;
        this.store = store;
        this.time = time;
        cacheDurationTimestamp = (long)(options.CacheDuration.TotalSeconds * time.TimestampFrequency);
        var sweepPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, options.CacheDuration.Ticks / 4));
        sweeper = time.CreateTimer(static state => ((WorkspaceKeyring)state!).EvictExpired(), this, sweepPeriod, sweepPeriod);
    }

    /// <summary>The version new data of the workspace is encrypted under (creating version 1 on first use).</summary>
    public async Task<int> GetCurrentVersionAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        using var lease = await AcquireCurrentAsync(workspaceId, KeyPurpose.Data, cancellationToken);
        return lease.Version;
    }

    /// <summary>Loads the workspace's current data key and blind-index key so the synchronous fast paths can run.</summary>
    public async Task WarmAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        using (await AcquireCurrentAsync(workspaceId, KeyPurpose.Data, cancellationToken))
        {
        }

        using (await AcquireCurrentAsync(workspaceId, KeyPurpose.BlindIndex, cancellationToken))
        {
        }
    }

    /// <summary>
    /// Loads one data key version into the cache so the synchronous <see cref="FieldCipher.Decrypt(Guid, FieldContext, ReadOnlySpan{byte})"/>
    /// can open records written under it (e.g. rows not yet re-encrypted during a rotation).
    /// </summary>
    /// <exception cref="KeyDestroyedException">That version was destroyed.</exception>
    public async Task WarmVersionAsync(Guid workspaceId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        using (await AcquireVersionAsync(workspaceId, KeyPurpose.Data, version, cancellationToken))
        {
        }
    }

    /// <summary>
    /// Creates a new data key version and makes it current for new writes. Older versions keep decrypting until
    /// destroyed with <see cref="DestroyVersionsAsync"/>. The blind-index key is not rotated (lookups stay stable).
    /// </summary>
    /// <returns>The new current version.</returns>
    public async Task<int> RotateAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxStoreRaces; attempt++)
        {
            var records = await store.GetVersionsAsync(workspaceId, KeyPurpose.Data, cancellationToken);
            ThrowIfShredded(workspaceId, KeyPurpose.Data, records);
            var next = records.Count == 0 ? 1 : records.Max(r => r.Version) + 1;
            var created = await TryCreateVersionAsync(workspaceId, KeyPurpose.Data, next, cancellationToken);
            if (created is not null)
            {
                return created.Version;
            }
        }

        throw new InvalidOperationException($"Could not rotate the key of workspace {workspaceId}: concurrent rotations kept winning.");
    }

    /// <summary>
    /// Destroys old data key versions: their ciphertexts become unrecoverable (<see cref="KeyDestroyedException"/>).
    /// Re-encrypt what must survive first. The current version cannot be destroyed this way; use
    /// <see cref="ShredWorkspaceAsync"/> to destroy everything.
    /// </summary>
    public async Task DestroyVersionsAsync(Guid workspaceId, IReadOnlyCollection<int> versions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var records = await store.GetVersionsAsync(workspaceId, KeyPurpose.Data, cancellationToken);
        var current = records.FirstOrDefault(r => r.IsCurrent && !r.IsDestroyed);
        if (current is not null && versions.Contains(current.Version))
        {
            throw new InvalidOperationException(
                $"Version {current.Version} is the current key of workspace {workspaceId}; rotate before destroying it.");
        }

        await store.DestroyVersionsAsync(workspaceId, KeyPurpose.Data, versions, time.GetUtcNow(), cancellationToken);
        foreach (var version in versions)
        {
            Evict(new KeySlot(workspaceId, KeyPurpose.Data, version));
        }
    }

    /// <summary>
    /// Crypto-shredding: destroys every key version of the workspace (data and blind index). Afterwards every
    /// ciphertext and blob of the workspace fails with <see cref="KeyDestroyedException"/>, and new writes are refused.
    /// </summary>
    public async Task ShredWorkspaceAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        foreach (var purpose in new[] { KeyPurpose.Data, KeyPurpose.BlindIndex })
        {
            var records = await store.GetVersionsAsync(workspaceId, purpose, cancellationToken);
            var versions = records.Where(r => !r.IsDestroyed).Select(r => r.Version).ToList();
            if (versions.Count == 0 && records.Count == 0)
            {
                // Never used: leave a tombstone so later use is refused rather than starting afresh.
                await store.TryAddVersionAsync(
                    new WrappedKeyRecord(workspaceId, purpose, 1, provider.Name, [], false, time.GetUtcNow(), time.GetUtcNow()),
                    cancellationToken);
            }
            else if (versions.Count > 0)
            {
                await store.DestroyVersionsAsync(workspaceId, purpose, versions, time.GetUtcNow(), cancellationToken);
            }
        }

        EvictWorkspace(workspaceId);
    }

    /// <summary>Drops (and zeroes) every cached key of the workspace, e.g. after another process rotated it.</summary>
    public void EvictWorkspace(Guid workspaceId)
    {
        foreach (var slot in byVersion.Keys.Where(s => s.WorkspaceId == workspaceId))
        {
            Evict(slot);
        }

        foreach (var purpose in new[] { KeyPurpose.Data, KeyPurpose.BlindIndex })
        {
            currentKeys.TryRemove((workspaceId, purpose), out _);
        }
    }

    public void Dispose()
    {
        sweeper.Dispose();
        currentKeys.Clear();
        foreach (var slot in byVersion.Keys)
        {
            Evict(slot);
        }
    }

    public override string ToString() => $"WorkspaceKeyring({provider.Name}, {byVersion.Count} cached keys)";

    internal bool TryAcquireCurrent(Guid workspaceId, KeyPurpose purpose, out KeyLease lease)
    {
        if (currentKeys.TryGetValue((workspaceId, purpose), out var entry) && IsFresh(entry) && entry.TryAcquire())
        {
            lease = new KeyLease(entry);
            return true;
        }

        lease = default;
        return false;
    }

    internal bool TryAcquireVersion(Guid workspaceId, KeyPurpose purpose, int version, out KeyLease lease)
    {
        if (byVersion.TryGetValue(new KeySlot(workspaceId, purpose, version), out var entry) && IsFresh(entry) && entry.TryAcquire())
        {
            lease = new KeyLease(entry);
            return true;
        }

        lease = default;
        return false;
    }

    internal async ValueTask<KeyLease> AcquireCurrentAsync(Guid workspaceId, KeyPurpose purpose, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxStoreRaces; attempt++)
        {
            if (TryAcquireCurrent(workspaceId, purpose, out var lease))
            {
                return lease;
            }

            var entry = await LoadOnceAsync(new KeySlot(workspaceId, purpose, KeySlot.Current), cancellationToken);
            if (entry.TryAcquire())
            {
                return new KeyLease(entry);
            }
        }

        throw new InvalidOperationException($"Could not load the current {purpose} key of workspace {workspaceId}.");
    }

    internal async ValueTask<KeyLease> AcquireVersionAsync(Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxStoreRaces; attempt++)
        {
            if (TryAcquireVersion(workspaceId, purpose, version, out var lease))
            {
                return lease;
            }

            var entry = await LoadOnceAsync(new KeySlot(workspaceId, purpose, version), cancellationToken);
            if (entry.TryAcquire())
            {
                return new KeyLease(entry);
            }
        }

        throw new InvalidOperationException($"Could not load {purpose} key v{version} of workspace {workspaceId}.");
    }

    /// <summary>Test hook: the cached entry of a version, if any.</summary>
    internal CachedKey? PeekCached(Guid workspaceId, KeyPurpose purpose, int version) =>
        byVersion.TryGetValue(new KeySlot(workspaceId, purpose, version), out var entry) ? entry : null;

    /// <summary>Evicts expired keys; runs on the sweep timer so idle keys do not outlive the cache duration.</summary>
    internal void EvictExpired()
    {
        foreach (var pair in byVersion)
        {
            if (!IsFresh(pair.Value) && byVersion.TryRemove(pair))
            {
                pair.Value.Retire();
            }
        }

        foreach (var pair in currentKeys)
        {
            if (!IsFresh(pair.Value) || pair.Value.IsRetired)
            {
                currentKeys.TryRemove(pair);
            }
        }
    }

    private static void ThrowIfShredded(Guid workspaceId, KeyPurpose purpose, IReadOnlyList<WrappedKeyRecord> records)
    {
        if (records.Count > 0 && records.All(r => r.IsDestroyed))
        {
            throw new KeyDestroyedException(workspaceId, purpose, records.Max(r => r.Version));
        }
    }

    private bool IsFresh(CachedKey entry) => time.GetTimestamp() < entry.ExpiresAtTimestamp;

    /// <summary>One load per slot at a time: concurrent misses share it (and the KMS call).</summary>
    private async Task<CachedKey> LoadOnceAsync(KeySlot slot, CancellationToken cancellationToken)
    {
        var load = loads.GetOrAdd(slot, s => new Lazy<Task<CachedKey>>(() => LoadAndForgetAsync(s)));
        return await load.Value.WaitAsync(cancellationToken);
    }

    private async Task<CachedKey> LoadAndForgetAsync(KeySlot slot)
    {
        try
        {
            return slot.Version == KeySlot.Current
                ? await LoadCurrentAsync(slot.WorkspaceId, slot.Purpose)
                : await LoadVersionAsync(slot);
        }
        finally
        {
            loads.TryRemove(slot, out _);
        }
    }

    private async Task<CachedKey> LoadCurrentAsync(Guid workspaceId, KeyPurpose purpose)
    {
        for (var attempt = 0; attempt < MaxStoreRaces; attempt++)
        {
            var records = await store.GetVersionsAsync(workspaceId, purpose, CancellationToken.None);
            ThrowIfShredded(workspaceId, purpose, records);
            var current = records.FirstOrDefault(r => r.IsCurrent && !r.IsDestroyed);
            if (current is not null)
            {
                return await UnwrapAndCacheAsync(current, isCurrent: true);
            }

            if (records.Count > 0)
            {
                throw new InvalidOperationException($"Workspace {workspaceId} has {purpose} keys but none is current.");
            }

            var created = await TryCreateVersionAsync(workspaceId, purpose, 1, CancellationToken.None);
            if (created is not null)
            {
                return created;
            }
        }

        throw new InvalidOperationException($"Could not create the first {purpose} key of workspace {workspaceId}.");
    }

    private async Task<CachedKey> LoadVersionAsync(KeySlot slot)
    {
        var records = await store.GetVersionsAsync(slot.WorkspaceId, slot.Purpose, CancellationToken.None);
        var record = records.FirstOrDefault(r => r.Version == slot.Version)
            ?? throw new DecryptionFailedException($"Workspace {slot.WorkspaceId} has no {slot.Purpose} key v{slot.Version}.");
        if (record.IsDestroyed)
        {
            throw new KeyDestroyedException(slot.WorkspaceId, slot.Purpose, slot.Version);
        }

        return await UnwrapAndCacheAsync(record, isCurrent: false);
    }

    private async Task<CachedKey> UnwrapAndCacheAsync(WrappedKeyRecord record, bool isCurrent)
    {
        if (!string.Equals(record.ProviderName, provider.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Key {record.Purpose} v{record.Version} of workspace {record.WorkspaceId} was wrapped by the '{record.ProviderName}' provider, but '{provider.Name}' is configured.");
        }

        using var secret = await provider.DecryptDataKeyAsync(record.WorkspaceId, record.WrappedKey, CancellationToken.None);
        return Install(record.WorkspaceId, record.Purpose, record.Version, secret, isCurrent);
    }

    private async Task<CachedKey?> TryCreateVersionAsync(Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken)
    {
        using var generated = await provider.GenerateDataKeyAsync(workspaceId, cancellationToken);
        var record = new WrappedKeyRecord(workspaceId, purpose, version, provider.Name, generated.WrappedKey, true, time.GetUtcNow(), null);
        if (!await store.TryAddVersionAsync(record, cancellationToken))
        {
            return null;
        }

        return Install(workspaceId, purpose, version, generated.Plaintext, isCurrent: true);
    }

    private CachedKey Install(Guid workspaceId, KeyPurpose purpose, int version, SecretKey secret, bool isCurrent)
    {
        var entry = new CachedKey(workspaceId, purpose, version, secret, time.GetTimestamp() + cacheDurationTimestamp);
        var slot = new KeySlot(workspaceId, purpose, version);
        while (true)
        {
            if (byVersion.TryGetValue(slot, out var previous))
            {
                if (byVersion.TryUpdate(slot, entry, previous))
                {
                    previous.Retire();
                    break;
                }
            }
            else if (byVersion.TryAdd(slot, entry))
            {
                break;
            }
        }

        if (isCurrent)
        {
            // A slow load of an older current version must not displace a newer one installed meanwhile (rotation).
            currentKeys.AddOrUpdate(
                (workspaceId, purpose),
                entry,
                (_, existing) => existing.Version > entry.Version && !existing.IsRetired && IsFresh(existing) ? existing : entry);
        }

        return entry;
    }

    private void Evict(KeySlot slot)
    {
        if (byVersion.TryRemove(slot, out var entry))
        {
            currentKeys.TryRemove(new KeyValuePair<(Guid, KeyPurpose), CachedKey>((slot.WorkspaceId, slot.Purpose), entry));
            entry.Retire();
        }
    }
}
