using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data;

/// <summary>The outcome of walking a workspace's chain: intact, or the first entry whose link is broken.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? BrokenAtSequence, Guid? BrokenEntryId, string? Reason);

/// <summary>Recomputes every hash of the current workspace's chain, oldest first, in pages.</summary>
public sealed class AuditChainVerifier(PhonePlatformDbContext db)
{
    private const int PageSize = 500;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var head = await db.Workspaces.AsNoTracking()
            .Select(w => new { w.AuditHeadSequence, w.AuditHeadHash })
            .SingleAsync(cancellationToken);

        long expectedSequence = 1;
        var expectedPrevious = AuditGenesis.Hash;
        while (true)
        {
            var after = expectedSequence - 1;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > after)
                .OrderBy(a => a.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                if (AuditChain.CheckLink(entry, expectedSequence, expectedPrevious) is { } reason)
                {
                    return new AuditVerification(false, expectedSequence - 1, expectedSequence, entry.Id, reason);
                }

                expectedSequence++;
                expectedPrevious = entry.Hash;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var checkedCount = expectedSequence - 1;
        if (checkedCount != head.AuditHeadSequence || !string.Equals(expectedPrevious, head.AuditHeadHash, StringComparison.Ordinal))
        {
            return new AuditVerification(
                false, checkedCount, checkedCount + 1, null, "the chain ends before the recorded head (entries were removed)");
        }

        return new AuditVerification(true, checkedCount, null, null, null);
    }
}
