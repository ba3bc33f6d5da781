using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// Who may dial out, and with which workspace number. The caller is the user whose digest-authenticated REGISTER
/// bound the very flow (WebSocket connection) the INVITE arrived on (RFC 5626): a From naming someone else finds
/// no such binding and gets 403. The number is the one asked for in P-Preferred-Identity (RFC 3325 §9.2), else the
/// first the member may use (<see cref="NumberAccessPolicy.MayUse"/>).
/// </summary>
public sealed class PostgresDeviceDirectory(IServiceScopeFactory scopes, BrowserSipEdge edge) : IDeviceDirectory
{
    public async Task<OutboundCaller?> AuthorizeOutboundAsync(SipServerTransaction invite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var from = invite.Request.From?.Uri;
        if (from is not { IsSip: true } || !SipUsernames.TryParse(SipUri.Unescape(from.User), out var workspaceId, out var userId))
        {
            return null;
        }

        var aor = from.ToAddressOfRecord();
        var bindings = await edge.Locations.GetBindingsAsync(aor, cancellationToken);
        if (!bindings.Any(b => b.Flow == invite.Source))
        {
            return null;
        }

        var preferred = PreferredNumber(invite.Request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return null;
        }

        var permissions = RolePermissions.For(membership.Role, membership.Billing);
        var grants = await db.NumberAccess.Where(a => a.MembershipId == membership.Id)
            .ToDictionaryAsync(a => a.PhoneNumberId, a => a.Level, cancellationToken);
        var numbers = await db.PhoneNumbers.OrderBy(n => n.Id).Select(n => new { n.Id, n.E164 }).ToListAsync(cancellationToken);
        var usable = numbers.Where(n => NumberAccessPolicy.MayUse(permissions, grants.TryGetValue(n.Id, out var level) ? level : null));
        var chosen = preferred is null ? usable.FirstOrDefault() : usable.FirstOrDefault(n => n.E164 == preferred);
        return chosen is null ? null : new OutboundCaller(workspaceId, aor, chosen.E164);
    }

    private static string? PreferredNumber(SipRequest request) =>
        request.Headers.Get(SipHeaderNames.PPreferredIdentity) is { } value && SipNameAddress.TryParse(value, out var identity)
            ? identity.Uri.User is { } user && user.StartsWith('+') ? user : "invalid"
            : null;
}
