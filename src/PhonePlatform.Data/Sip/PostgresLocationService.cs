using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Registrations;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Data.Sip;

/// <summary>
/// The location service (RFC 3261 §10.2) in PostgreSQL: one <see cref="SipRegistration"/> row per device of a workspace
/// user, confined to the AOR owner's workspace by the context's tenant filter. Expired rows are never returned; they
/// are deleted when the AOR registers again and by <see cref="SweepExpiredAsync"/>.
/// </summary>
public sealed class PostgresLocationService(
    IServiceScopeFactory scopes, ISipAddressOwners owners, PostgresLocationOptions options, TimeProvider clock) : ILocationService
{
    public async ValueTask<IReadOnlyList<SipBinding>> GetBindingsAsync(string addressOfRecord, CancellationToken cancellationToken)
    {
        if (!owners.TryGetOwner(addressOfRecord, out var workspaceId, out _))
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = Open(scope, workspaceId);
        var now = clock.GetUtcNow();
        var rows = await db.SipRegistrations.AsNoTracking()
            .Where(r => r.AddressOfRecord == addressOfRecord && r.ExpiresAt > now)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(ToBinding).OfType<SipBinding>().ToList();
    }

    public async ValueTask SaveAsync(SipBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!owners.TryGetOwner(binding.AddressOfRecord, out var workspaceId, out var userId))
        {
            throw new InvalidOperationException($"'{binding.AddressOfRecord}' is not the address of a workspace user.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = Open(scope, workspaceId);
        var now = clock.GetUtcNow();
        foreach (var row in await LoadAsync(db, binding.AddressOfRecord, cancellationToken))
        {
            // §10.3 step 7: the new binding replaces the one it matches; expired ones of the AOR go on the way.
            if (row.ExpiresAt <= now || ToBinding(row) is not { } existing || existing.Matches(binding))
            {
                db.SipRegistrations.Remove(row);
            }
        }

        db.SipRegistrations.Add(new SipRegistration
        {
            UserId = userId,
            AddressOfRecord = binding.AddressOfRecord,
            Contact = binding.Contact.ToString(),
            ContactUri = binding.ContactUri,
            InstanceId = binding.InstanceId,
            RegId = binding.RegId,
            CallId = binding.CallId,
            CSeq = binding.CSeq,
            FlowTransport = binding.Flow.Transport.ToString(),
            FlowAddress = binding.Flow.Address.ToString(),
            FlowConnectionId = binding.Flow.ConnectionId,
            NodeId = binding.NodeId ?? options.NodeId,
            ExpiresAt = binding.ExpiresAt,
            UserAgent = Truncate(binding.UserAgent, 256),
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask RemoveAsync(SipBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!owners.TryGetOwner(binding.AddressOfRecord, out var workspaceId, out _))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = Open(scope, workspaceId);
        foreach (var row in await LoadAsync(db, binding.AddressOfRecord, cancellationToken))
        {
            if (ToBinding(row) is not { } existing || existing.Matches(binding))
            {
                db.SipRegistrations.Remove(row);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask RemoveAllAsync(string addressOfRecord, CancellationToken cancellationToken)
    {
        if (!owners.TryGetOwner(addressOfRecord, out var workspaceId, out _))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = Open(scope, workspaceId);
        await db.SipRegistrations.Where(r => r.AddressOfRecord == addressOfRecord).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the expired bindings of every workspace. The one cross-workspace operation here: it only deletes rows
    /// that are already invisible, and reads nothing.
    /// </summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        var now = clock.GetUtcNow();
        return await db.SipRegistrations.IgnoreQueryFilters().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static PhonePlatformDbContext Open(AsyncServiceScope scope, Guid workspaceId)
    {
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        return db;
    }

    private static Task<List<SipRegistration>> LoadAsync(PhonePlatformDbContext db, string addressOfRecord, CancellationToken cancellationToken) =>
        db.SipRegistrations.Where(r => r.AddressOfRecord == addressOfRecord).ToListAsync(cancellationToken);

    private static SipBinding? ToBinding(SipRegistration row)
    {
        if (!SipNameAddress.TryParse(row.Contact, out var contact)
            || !Enum.TryParse<SipTransportKind>(row.FlowTransport, out var transport)
            || !IPEndPoint.TryParse(row.FlowAddress, out var address))
        {
            return null;
        }

        return new SipBinding(row.AddressOfRecord, contact, row.ExpiresAt, row.CallId, (uint)row.CSeq,
            new SipEndPoint(transport, address, row.FlowConnectionId), row.InstanceId, row.RegId, row.UserAgent, row.NodeId);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
