using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>
/// The workspace's audit chain. Deleted last among the records: the deletion certificate, kept outside the
/// workspace, is the lasting record of the deletion itself.
/// </summary>
public sealed class AuditLogParticipant : IWorkspaceDataParticipant
{
    public string Name => "audit-log";

    public int DeletionOrder => 900;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["auditEntries"] = await db.Set<AuditEntry>().ExecuteDeleteAsync(cancellationToken),
        };
    }
}
