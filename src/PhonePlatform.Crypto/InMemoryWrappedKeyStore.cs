namespace PhonePlatform.Crypto;

/// <summary>
/// A process-local <see cref="IWrappedKeyStore"/> for tests, benchmarks and tools. Not durable: keys vanish with the
/// process, and with them every ciphertext. Production uses the data layer's PostgreSQL implementation.
/// </summary>
public sealed class InMemoryWrappedKeyStore : IWrappedKeyStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(Guid, KeyPurpose), List<WrappedKeyRecord>> records = [];

    public Task<IReadOnlyList<WrappedKeyRecord>> GetVersionsAsync(Guid workspaceId, KeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<WrappedKeyRecord> copy = records.TryGetValue((workspaceId, purpose), out var list) ? [.. list] : [];
            return Task.FromResult(copy);
        }
    }

    public Task<bool> TryAddVersionAsync(WrappedKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            var list = GetList(record.WorkspaceId, record.Purpose);
            if (list.Exists(r => r.Version == record.Version))
            {
                return Task.FromResult(false);
            }

            if (record.IsCurrent)
            {
                ClearCurrent(list);
            }

            list.Add(record with { WrappedKey = [.. record.WrappedKey] });
            return Task.FromResult(true);
        }
    }

    public Task SetCurrentAsync(Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var list = GetList(workspaceId, purpose);
            var index = list.FindIndex(r => r.Version == version && !r.IsDestroyed);
            if (index < 0)
            {
                throw new InvalidOperationException($"Key {purpose} v{version} of workspace {workspaceId} does not exist or was destroyed.");
            }

            ClearCurrent(list);
            list[index] = list[index] with { IsCurrent = true };
            return Task.CompletedTask;
        }
    }

    public Task DestroyVersionsAsync(Guid workspaceId, KeyPurpose purpose, IReadOnlyCollection<int> versions, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        lock (gate)
        {
            var list = GetList(workspaceId, purpose);
            for (var i = 0; i < list.Count; i++)
            {
                if (versions.Contains(list[i].Version) && !list[i].IsDestroyed)
                {
                    list[i] = list[i] with { WrappedKey = [], IsCurrent = false, DestroyedAt = destroyedAt };
                }
            }

            return Task.CompletedTask;
        }
    }

    private static void ClearCurrent(List<WrappedKeyRecord> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].IsCurrent)
            {
                list[i] = list[i] with { IsCurrent = false };
            }
        }
    }

    private List<WrappedKeyRecord> GetList(Guid workspaceId, KeyPurpose purpose)
    {
        if (!records.TryGetValue((workspaceId, purpose), out var list))
        {
            list = [];
            records[(workspaceId, purpose)] = list;
        }

        return list;
    }
}
