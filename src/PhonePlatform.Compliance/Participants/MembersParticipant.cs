using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Members;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>Memberships and what hangs off them (sessions, API keys). Users are global accounts and stay.</summary>
public sealed class MembersParticipant : IWorkspaceDataParticipant
{
    public string Name => "members";

    public int DeletionOrder => 200;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["sessions"] = await db.Set<Session>().ExecuteDeleteAsync(cancellationToken),
            ["apiKeys"] = await db.Set<ApiKey>().ExecuteDeleteAsync(cancellationToken),
            ["memberships"] = await db.Set<Membership>().ExecuteDeleteAsync(cancellationToken),
        };
    }
}
