using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance;

/// <summary>
/// Builds a workspace's export ZIP (JSON for the workspace, members, numbers, contacts, conversations, messages and
/// the audit log; recordings and voicemail as WAV from the blob catalogue), decrypted on the way in and stored
/// encrypted as an <see cref="BlobKind.Export"/> blob. The ZIP is produced into a pipe that the blob store consumes,
/// and rows are streamed one at a time, so memory stays bounded whatever the workspace's size.
/// </summary>
public sealed class WorkspaceArchive(IServiceScopeFactory scopes, IWorkspaceBlobs blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the archive and stores it under <paramref name="blobName"/>; returns its size in bytes.</summary>
    public async Task<long> BuildAsync(Guid workspaceId, string blobName, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                    {
                        await WriteZipAsync(workspaceId, output, cancellationToken);
                    }

                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e);
                    throw;
                }
            },
            cancellationToken);
        try
        {
            await using var input = pipe.Reader.AsStream();
            return await blobs.StoreAsync(workspaceId, BlobKind.Export, blobName, input, cancellationToken);
        }
        finally
        {
            await producer;
        }
    }

    private async Task WriteZipAsync(Guid workspaceId, Stream output, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(cancellationToken);
        await WriteJsonAsync(zip, "workspace.json", new { workspace.Id, workspace.Name, workspace.CreatedAt, workspace.BillingPlan }, cancellationToken);
        await WriteJsonAsync(zip, "members.json", Rows(
            from m in db.Memberships.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            orderby m.Id
            select new { m.Id, m.UserId, u.Email, Role = m.Role.ToString(), m.Billing, m.CreatedAt }, cancellationToken), cancellationToken);
        await WriteJsonAsync(zip, "numbers.json", Rows(
            db.PhoneNumbers.AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.Id, n.E164, n.Label, n.CreatedAt }), cancellationToken), cancellationToken);
        await WriteJsonAsync(zip, "contacts.json", Map(
            db.Contacts.AsNoTracking().Include(c => c.Phones).Include(c => c.Emails).AsSplitQuery().OrderBy(c => c.Id),
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
            cancellationToken), cancellationToken);
        await WriteJsonAsync(zip, "conversations.json", Map(
            db.Set<Conversation>().AsNoTracking().OrderBy(c => c.Id),
            c => new { c.Id, c.PhoneNumberId, Participant = c.Participant.Value, c.CreatedAt, c.LastMessageAt },
            cancellationToken), cancellationToken);
        await WriteJsonAsync(zip, "messages.json", Map(
            db.Set<Message>().AsNoTracking().OrderBy(m => m.Id),
            m => new { m.Id, m.ConversationId, Direction = m.Direction.ToString(), Body = m.Body.Value, Status = m.Status.ToString(), m.CreatedAt, m.SentAt, m.DeliveredAt },
            cancellationToken), cancellationToken);
        await WriteJsonAsync(zip, "audit-log.json", Rows(
            db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence)
                .Select(a => new { a.Sequence, a.OccurredAt, a.Action, a.ActorUserId, a.ActorApiKeyId, a.ActorIp, a.TargetType, a.TargetId, a.Details, a.Hash }),
            cancellationToken), cancellationToken);

        var media = await db.StoredBlobs.AsNoTracking().Where(b => b.Kind == BlobKind.Recording || b.Kind == BlobKind.Voicemail)
            .OrderBy(b => b.Id).Select(b => b.Name).ToListAsync(cancellationToken);
        foreach (var name in media)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            await using var target = entry.Open();
            await using var source = await blobs.OpenReadAsync(workspaceId, name, cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T value, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var target = entry.Open();
        await JsonSerializer.SerializeAsync(target, value, Json, cancellationToken);
    }

    private static IAsyncEnumerable<T> Rows<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        Map(query, row => row, cancellationToken);

    // Decrypted values appear on materialisation, so protected entities are mapped after loading, one at a time.
    private static async IAsyncEnumerable<TOut> Map<TIn, TOut>(
        IQueryable<TIn> query, Func<TIn, TOut> map, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return map(item);
        }
    }
}
