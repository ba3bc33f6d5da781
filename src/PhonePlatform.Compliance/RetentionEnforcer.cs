using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>
/// Applies every workspace's <see cref="RetentionPolicy"/>: deletes catalogued recordings and voicemail (blob and
/// catalogue entry, through <see cref="IWorkspaceBlobs"/>) and messages older than the policy allows, and audit-logs
/// what it deleted. Run by the <see cref="RetentionJob"/> on each pass.
/// </summary>
public sealed class RetentionEnforcer(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, TimeProvider time)
{
    public const string EnforcedAuditAction = "workspace.retention.enforced";

    /// <summary>Returns the number of blobs and messages deleted, over all workspaces.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        // The policies of all workspaces: the job works across tenants, then enters each one.
        var workspaces = new List<Guid>();
        await using (var command = dataSource.CreateCommand("SELECT \"WorkspaceId\" FROM \"RetentionPolicies\" ORDER BY \"WorkspaceId\""))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                workspaces.Add(reader.GetGuid(0));
            }
        }

        var total = 0;
        foreach (var workspaceId in workspaces)
        {
            total += await EnforceAsync(workspaceId, cancellationToken);
        }

        return total;
    }

    private async Task<int> EnforceAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var policy = await db.Set<RetentionPolicy>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (policy is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var blobs = scope.ServiceProvider.GetService<IWorkspaceBlobs>();
        var recordings = await DeleteBlobsAsync(db, blobs, workspaceId, BlobKind.Recording, policy.RecordingsDays is { } r ? now.AddDays(-r) : null, cancellationToken);
        var voicemail = await DeleteBlobsAsync(db, blobs, workspaceId, BlobKind.Voicemail, policy.VoicemailDays is { } v ? now.AddDays(-v) : null, cancellationToken);
        var messages = 0;
        if (policy.MessagesMonths is { } months)
        {
            var cutoff = now.AddMonths(-months);
            messages = await db.Set<Message>().Where(m => m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        if (recordings + voicemail + messages > 0)
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
                new AuditEvent(EnforcedAuditAction, null, null, null, "workspace", workspaceId.ToString(),
                    $"recordings={recordings} voicemail={voicemail} messages={messages}"),
                cancellationToken);
        }

        return recordings + voicemail + messages;
    }

    private static async Task<int> DeleteBlobsAsync(
        PhonePlatformDbContext db, IWorkspaceBlobs? blobs, Guid workspaceId, BlobKind kind, DateTimeOffset? cutoff, CancellationToken cancellationToken)
    {
        if (cutoff is null || blobs is null)
        {
            return 0;
        }

        var names = await db.StoredBlobs.AsNoTracking().Where(b => b.Kind == kind && b.CreatedAt < cutoff)
            .OrderBy(b => b.Id).Select(b => b.Name).ToListAsync(cancellationToken);
        foreach (var name in names)
        {
            await blobs.DeleteAsync(workspaceId, name, cancellationToken);
        }

        return names.Count;
    }
}
