using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Auth;

/// <summary>
/// Need-to-know / need-to-do on numbers for one caller: callers that manage numbers, and API keys (workspace-level
/// machine credentials), see every number; members and viewers only the numbers granted to them.
/// </summary>
public static class NumberScope
{
    public static bool SeesAll(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return NumberAccessPolicy.SeesAllNumbers(caller.Permissions) || caller.IsApiKey;
    }

    public static IQueryable<PhoneNumber> Visible(PhonePlatformDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        return SeesAll(caller)
            ? db.PhoneNumbers
            : db.PhoneNumbers.Where(n => db.NumberAccess.Any(a => a.PhoneNumberId == n.Id && a.MembershipId == caller.MembershipId));
    }

    /// <summary>Whether the caller may send from (or call from) the number: <see cref="NumberAccessPolicy.MayUse"/>.</summary>
    public static async Task<bool> MayUseAsync(PhonePlatformDbContext db, Caller caller, Guid numberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SeesAll(caller))
        {
            return NumberAccessPolicy.MayUse(caller.Permissions, NumberAccessLevel.Use);
        }

        var grant = await db.NumberAccess.Where(a => a.PhoneNumberId == numberId && a.MembershipId == caller.MembershipId)
            .Select(a => (NumberAccessLevel?)a.Level).FirstOrDefaultAsync(cancellationToken);
        return NumberAccessPolicy.MayUse(caller.Permissions, grant);
    }
}
