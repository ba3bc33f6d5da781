using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// Workspace numbers for inbound calls: which workspace owns the dialed number, and the SIP addresses of the members
/// who may use it (owners/admins, and members granted <see cref="NumberAccessLevel.Use"/>). Caller names come from
/// the encrypted contacts through their blind index.
/// </summary>
public sealed class PostgresNumberDirectory(
    IServiceScopeFactory scopes, IContactDirectory contacts, BrowserSipEdge edge, GatewayOptions options) : INumberDirectory
{
    public async Task<NumberRoute?> FindAsync(string e164Number, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        // The dialled number is the one routing key read before any tenant is known (PlatformQueries); everything
        // after it goes through UseWorkspace and the tenant filter.
        if (await db.FindNumberOwnerAsync(e164Number, cancellationToken) is not var (numberId, workspaceId))
        {
            return null;
        }

        db.UseWorkspace(workspaceId);
        var members = await db.Memberships.OrderBy(m => m.Id).Select(m => new { m.Id, m.UserId, m.Role, m.Billing }).ToListAsync(cancellationToken);
        var grants = await db.NumberAccess.Where(a => a.PhoneNumberId == numberId)
            .ToDictionaryAsync(a => a.MembershipId, a => a.Level, cancellationToken);
        var byMembership = members.ToDictionary(m => m.Id, m => $"sip:{SipUsernames.For(workspaceId, m.UserId)}@{edge.Realm.ToLowerInvariant()}");
        var addresses = members
            .Where(m => NumberAccessPolicy.MayUse(RolePermissions.For(m.Role, m.Billing), grants.TryGetValue(m.Id, out var level) ? level : null))
            .Select(m => byMembership[m.Id])
            .ToList();
        // Menu ring groups name members explicitly (chosen by an admin), so any member of the workspace may be in one.
        return new NumberRoute(workspaceId, e164Number, addresses, RingTimeout: options.RingTimeout, MemberAddressesByMembership: byMembership);
    }

    public async Task<string?> FindCallerNameAsync(Guid workspaceId, string callerE164, CancellationToken cancellationToken) =>
        (await contacts.FindByNumberAsync(workspaceId, callerE164, cancellationToken))?.Name;
}
