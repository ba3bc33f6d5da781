using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>Phone numbers and their access grants (grants first: they reference numbers and memberships).</summary>
public sealed class NumbersParticipant : IWorkspaceDataParticipant
{
    public string Name => "numbers";

    public int DeletionOrder => 100;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["numberAccess"] = await db.Set<NumberAccess>().ExecuteDeleteAsync(cancellationToken),
            ["phoneNumbers"] = await db.Set<PhoneNumber>().ExecuteDeleteAsync(cancellationToken),
        };
    }
}
