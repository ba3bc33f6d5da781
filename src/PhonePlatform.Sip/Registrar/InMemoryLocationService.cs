using System.Collections.Concurrent;

namespace PhonePlatform.Sip.Registrar;

/// <summary>Bindings in memory, expired lazily against the <see cref="TimeProvider"/>.</summary>
public sealed class InMemoryLocationService(TimeProvider? timeProvider = null) : ILocationService
{
    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, List<SipBinding>> bindings = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<IReadOnlyList<SipBinding>> GetBindingsAsync(string addressOfRecord, CancellationToken cancellationToken)
    {
        if (!bindings.TryGetValue(addressOfRecord, out var list))
        {
            return ValueTask.FromResult<IReadOnlyList<SipBinding>>([]);
        }

        var now = clock.GetUtcNow();
        lock (list)
        {
            list.RemoveAll(b => b.ExpiresAt <= now);
            return ValueTask.FromResult<IReadOnlyList<SipBinding>>(list.ToList());
        }
    }

    public ValueTask SaveAsync(SipBinding binding, CancellationToken cancellationToken)
    {
        var list = bindings.GetOrAdd(binding.AddressOfRecord, _ => []);
        lock (list)
        {
            list.RemoveAll(b => b.Matches(binding));
            list.Add(binding);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(SipBinding binding, CancellationToken cancellationToken)
    {
        if (bindings.TryGetValue(binding.AddressOfRecord, out var list))
        {
            lock (list)
            {
                list.RemoveAll(b => b.Matches(binding));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAllAsync(string addressOfRecord, CancellationToken cancellationToken)
    {
        bindings.TryRemove(addressOfRecord, out _);
        return ValueTask.CompletedTask;
    }
}
