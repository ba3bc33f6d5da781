using Microsoft.EntityFrameworkCore;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>The blob catalogue; the blobs themselves are deleted by the purge before the records.</summary>
public sealed class BlobsParticipant : IWorkspaceDataParticipant
{
    public string Name => "blobs";

    public int DeletionOrder => 50;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["storedBlobs"] = await db.StoredBlobs.ExecuteDeleteAsync(cancellationToken),
        };
    }
}
