namespace PhonePlatform.Sip.Registrar;

/// <summary>
/// Port to the location service (RFC 3261 §10.2): the bindings of each address-of-record. The gateway provides a
/// PostgreSQL implementation; <see cref="InMemoryLocationService"/> serves tests and single-node runs.
/// </summary>
public interface ILocationService
{
    /// <summary>Bindings that have not expired.</summary>
    ValueTask<IReadOnlyList<SipBinding>> GetBindingsAsync(string addressOfRecord, CancellationToken cancellationToken);

    /// <summary>Adds the binding or replaces the one it <see cref="SipBinding.Matches"/>.</summary>
    ValueTask SaveAsync(SipBinding binding, CancellationToken cancellationToken);

    ValueTask RemoveAsync(SipBinding binding, CancellationToken cancellationToken);

    ValueTask RemoveAllAsync(string addressOfRecord, CancellationToken cancellationToken);
}
