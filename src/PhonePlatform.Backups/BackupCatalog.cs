using PhonePlatform.Crypto;

namespace PhonePlatform.Backups;

/// <summary>One backup in the store; <see cref="Complete"/> once its manifest (written last) exists.</summary>
public sealed record BackupListing(string Id, bool Complete, IReadOnlyList<string> Keys);

/// <summary>Lists the backups in the blob store, oldest first.</summary>
public sealed class BackupCatalog(IBlobStore store)
{
    public async Task<IReadOnlyList<BackupListing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var key in store.ListAsync(BackupLayout.Prefix, cancellationToken))
        {
            var rest = key[BackupLayout.Prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            var id = rest[..slash];
            if (!keys.TryGetValue(id, out var list))
            {
                keys[id] = list = [];
            }

            list.Add(key);
        }

        return keys.Select(p => new BackupListing(
                p.Key,
                p.Value.Contains(BackupLayout.Key(p.Key, BackupLayout.ManifestObject), StringComparer.Ordinal),
                p.Value))
            .ToList();
    }

    /// <summary>The newest complete backup, or null.</summary>
    public async Task<BackupListing?> NewestAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).LastOrDefault(b => b.Complete);
}
