using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.Exports.Internal;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// Builds a workspace's export ZIP: JSON for the workspace, members, numbers, contacts, conversations, messages,
/// calls, voicemails and the audit log, and every catalogued recording and voicemail as WAV, decrypted on the way
/// in and stored encrypted as an <see cref="BlobKind.Export"/> blob. Rows are streamed one at a time and media
/// names are read in pages, so memory stays bounded whatever the workspace's size.
/// </summary>
public sealed class WorkspaceArchive(IServiceScopeFactory scopes, IWorkspaceBlobs blobs)
{
    public const int JsonSteps = 9;
    private const int MediaPage = 256;

    /// <summary>Builds the archive and stores it under <paramref name="blobName"/>; returns its size in bytes.</summary>
    public Task<long> BuildAsync(Guid workspaceId, string blobName, CancellationToken cancellationToken) =>
        BuildAsync(workspaceId, blobName, NoExportProgress.Instance, cancellationToken);

    /// <inheritdoc cref="BuildAsync(Guid, string, CancellationToken)"/>
    public Task<long> BuildAsync(Guid workspaceId, string blobName, IExportProgress progress, CancellationToken cancellationToken) =>
        ArchiveWriter.StoreAsync(blobs, workspaceId, blobName, zip => WriteEntriesAsync(workspaceId, zip, progress, cancellationToken), cancellationToken);

    private async Task WriteEntriesAsync(Guid workspaceId, ZipArchive zip, IExportProgress progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var mediaCount = await db.StoredBlobs.CountAsync(b => b.Kind == BlobKind.Recording || b.Kind == BlobKind.Voicemail, cancellationToken);
        var total = JsonSteps + mediaCount;
        var done = 0;
        async Task SectionAsync<T>(string name, T rows)
        {
            await progress.ReportAsync(Path.GetFileNameWithoutExtension(name), done, total, cancellationToken);
            await ArchiveWriter.WriteJsonAsync(zip, name, rows, cancellationToken);
            done++;
        }

        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(cancellationToken);
        await SectionAsync("workspace.json", new { workspace.Id, workspace.Name, workspace.CreatedAt, workspace.BillingPlan });
        await SectionAsync("members.json", ArchiveWriter.Rows(
            from m in db.Memberships.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            orderby m.Id
            select new { m.Id, m.UserId, u.Email, Role = m.Role.ToString(), m.Billing, m.CreatedAt }, cancellationToken));
        await SectionAsync("numbers.json", ArchiveWriter.Rows(
            db.PhoneNumbers.AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.Id, n.E164, n.Label, n.CreatedAt }), cancellationToken));
        // One query with joins (not split): split queries buffer all but the last result set.
        await SectionAsync("contacts.json", ArchiveWriter.Map(
            db.Contacts.AsNoTracking().Include(c => c.Phones).Include(c => c.Emails).AsSingleQuery().OrderBy(c => c.Id),
            c => new
            {
                c.Id,
                Name = c.Name.Value,
                Company = c.Company?.Value,
                Notes = c.Notes?.Value,
                Phones = c.Phones.Select(p => p.Number.Value).ToList(),
                Emails = c.Emails.Select(e => e.Address.Value).ToList(),
                c.CreatedAt,
                c.UpdatedAt,
            },
            cancellationToken));
        await SectionAsync("conversations.json", ArchiveWriter.Map(
            db.Set<Conversation>().AsNoTracking().OrderBy(c => c.Id),
            c => new { c.Id, c.PhoneNumberId, Participant = c.Participant.Value, c.CreatedAt, c.LastMessageAt },
            cancellationToken));
        await SectionAsync("messages.json", ArchiveWriter.Map(
            db.Set<Message>().AsNoTracking().OrderBy(m => m.Id),
            m => new { m.Id, m.ConversationId, Direction = m.Direction.ToString(), Body = m.Body.Value, Status = m.Status.ToString(), m.CreatedAt, m.SentAt, m.DeliveredAt },
            cancellationToken));
        await SectionAsync("calls.json", ArchiveWriter.Map(
            db.CallRecords.AsNoTracking().OrderBy(c => c.StartedAt).ThenBy(c => c.Id),
            CallJson.From,
            cancellationToken));
        await SectionAsync("voicemails.json", ArchiveWriter.Map(
            db.Voicemails.AsNoTracking().OrderBy(v => v.Id),
            v => new { v.Id, v.CallRecordId, v.PhoneNumberId, v.Number, CallerNumber = v.CallerNumber?.Value, Audio = v.BlobName, DurationSeconds = v.Duration.TotalSeconds, v.ReceivedAt, v.ListenedAt },
            cancellationToken));
        await SectionAsync("audit-log.json", ArchiveWriter.Rows(
            db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence)
                .Select(a => new { a.Sequence, a.OccurredAt, a.Action, a.ActorUserId, a.ActorApiKeyId, a.ActorIp, a.TargetType, a.TargetId, a.Details, a.Hash }),
            cancellationToken));

        await progress.ReportAsync("media", done, total, cancellationToken);
        var after = Guid.Empty;
        while (true)
        {
            var page = await db.StoredBlobs.AsNoTracking()
                .Where(b => (b.Kind == BlobKind.Recording || b.Kind == BlobKind.Voicemail) && b.Id > after)
                .OrderBy(b => b.Id).Take(MediaPage).Select(b => new { b.Id, b.Name }).ToListAsync(cancellationToken);
            foreach (var blob in page)
            {
                await ArchiveWriter.CopyBlobAsync(zip, blobs, workspaceId, blob.Name, cancellationToken);
                // Blobs added while the export runs may push the count past the estimate.
                done++;
                await progress.ReportAsync("media", Math.Min(done, total), total, cancellationToken);
            }

            if (page.Count < MediaPage)
            {
                break;
            }

            after = page[^1].Id;
        }
    }
}

/// <summary>A call record as exported: the other party's number decrypted, members as membership ids.</summary>
internal static class CallJson
{
    public static object From(CallRecord c) => new
    {
        c.Id,
        Direction = c.Direction.ToString(),
        c.PhoneNumberId,
        c.WorkspaceNumber,
        RemoteNumber = c.RemoteNumber?.Value,
        c.MembershipIds,
        c.AnsweredByMembershipId,
        c.StartedAt,
        c.RingingAt,
        c.AnsweredAt,
        c.EndedAt,
        EndReason = c.EndReason?.ToString(),
        c.SipCode,
        c.RecordingId,
        c.VoicemailId,
    };
}
