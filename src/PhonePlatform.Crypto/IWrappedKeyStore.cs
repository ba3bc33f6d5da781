namespace PhonePlatform.Crypto;

/// <summary>
/// Port for persisting wrapped workspace keys. The data layer implements it in PostgreSQL (one row per
/// workspace/purpose/version, unique on those three); <see cref="InMemoryWrappedKeyStore"/> serves tests and tools.
/// Implementations must be safe for concurrent use by several processes: <see cref="TryAddVersionAsync"/> is the
/// only arbiter when two of them create the same version at once.
/// </summary>
public interface IWrappedKeyStore
{
    /// <summary>Every version (including destroyed tombstones) of one purpose of a workspace, in any order.</summary>
    Task<IReadOnlyList<WrappedKeyRecord>> GetVersionsAsync(Guid workspaceId, KeyPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a version; when <see cref="WrappedKeyRecord.IsCurrent"/> is set, the same transaction clears the flag on
    /// the others. Returns false (and changes nothing) when that version already exists.
    /// </summary>
    Task<bool> TryAddVersionAsync(WrappedKeyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> the only current version of that purpose.</summary>
    Task SetCurrentAsync(Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Destroys the given versions: erases their wrapped bytes and stamps <see cref="WrappedKeyRecord.DestroyedAt"/>
    /// (rows stay as tombstones). Unknown versions are ignored.
    /// </summary>
    Task DestroyVersionsAsync(Guid workspaceId, KeyPurpose purpose, IReadOnlyCollection<int> versions, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default);
}
