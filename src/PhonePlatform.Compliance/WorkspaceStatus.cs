using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>Whether the current workspace is cancelled (read-only) and when it will be purged.</summary>
public sealed class WorkspaceStatus(PhonePlatformDbContext db)
{
    public async Task<WorkspaceCancellation?> GetCancellationAsync(CancellationToken cancellationToken)
    {
        var workspaceId = db.CurrentWorkspaceId ?? throw new TenantViolationException("Status needs a workspace.");
        return await db.Set<WorkspaceCancellation>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId, cancellationToken);
    }
}
