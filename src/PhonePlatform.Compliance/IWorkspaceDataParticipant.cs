using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>
/// One area's part in a workspace's data lifecycle. Each area that stores workspace records (members, numbers,
/// contacts, messages, calls, …) implements it once and registers it with
/// <c>services.AddWorkspaceDataParticipant&lt;T&gt;()</c>; cancellation, export and retention go through all of them.
/// </summary>
public interface IWorkspaceDataParticipant
{
    /// <summary>Short stable name used in deletion certificates and exports, e.g. <c>contacts</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Order of deletion: lower first. Dependents (grants, child rows) delete before what they reference.
    /// </summary>
    int DeletionOrder { get; }

    /// <summary>
    /// Deletes every record of the area in <paramref name="db"/>'s current workspace (the caller has called
    /// <c>UseWorkspace</c> and opened a transaction) and returns how many rows were deleted, per table.
    /// Blobs are not the participant's concern: the purge removes the workspace's whole blob prefix.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken);
}
