using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Events;

/// <summary>
/// Which workspace events one caller may see live: an event about a number (its data names <c>numberId</c>) only when
/// the caller may see that number; contact events with <c>contacts:read</c>; anything else only to callers who see
/// every number. The grants are re-read every <see cref="RefreshInterval"/>, so a revoked grant stops the flow.
/// </summary>
internal sealed class EventAudience(Caller caller, TimeProvider time)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private HashSet<Guid> numbers = [];
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;

    public async Task RefreshAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        if (NumberScope.SeesAll(caller) || time.GetUtcNow() - refreshedAt < RefreshInterval)
        {
            return;
        }

        numbers = [.. await NumberScope.Visible(db, caller).Select(n => n.Id).ToListAsync(cancellationToken)];
        refreshedAt = time.GetUtcNow();
    }

    public bool MaySee(WorkspaceEvent workspaceEvent, JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("numberId", out var numberId) && numberId.TryGetGuid(out var id))
        {
            return NumberScope.SeesAll(caller) || numbers.Contains(id);
        }

        return workspaceEvent.Type.StartsWith("contact.", StringComparison.Ordinal)
            ? caller.Has(Permission.ContactsRead)
            : NumberScope.SeesAll(caller);
    }
}
