using Microsoft.EntityFrameworkCore;

namespace PhonePlatform.Data;

/// <summary>
/// The only reads that cross workspaces, for the gateway routing traffic before any tenant is known. Each one
/// returns routing keys (ids), never a record or a protected value: whatever the caller does next goes through
/// <see cref="PhonePlatformDbContext.UseWorkspace"/> and the tenant filter. Keep every such query here.
/// </summary>
public static class PlatformQueries
{
    /// <summary>Which workspace owns a dialled number (E.164), and the number's id; null when nobody does.</summary>
    public static async Task<(Guid NumberId, Guid WorkspaceId)?> FindNumberOwnerAsync(
        this PhonePlatformDbContext db, string e164, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = await db.PhoneNumbers.IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.E164 == e164)
            .OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.WorkspaceId })
            .FirstOrDefaultAsync(cancellationToken);
        return owner is null ? null : (owner.Id, owner.WorkspaceId);
    }

    /// <summary>Workspaces that have at least one enabled carrier trunk of their own, oldest trunk first.</summary>
    public static Task<List<Guid>> WorkspacesWithTrunksAsync(this PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CarrierTrunks.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Enabled)
            .GroupBy(t => t.WorkspaceId)
            .OrderBy(g => g.Min(t => t.CreatedAt))
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
    }
}
