using Microsoft.EntityFrameworkCore;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>Export requests; their ZIPs are workspace blobs, removed with the workspace's blob prefix.</summary>
public sealed class ExportsParticipant : IWorkspaceDataParticipant
{
    public string Name => "exports";

    public int DeletionOrder => 40;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["dataExports"] = await db.DataExports.ExecuteDeleteAsync(cancellationToken),
        };
    }
}
