using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Events;

namespace PhonePlatform.Data.Calls;

/// <summary>A finished recording whose audio is already in the encrypted blob store.</summary>
public sealed record RecordingDraft(Guid Id, Guid WorkspaceId, Guid CallId, string BlobName, TimeSpan Duration, DateTimeOffset CompletedAt);

/// <summary>The <c>data</c> of <c>call.recording.completed</c>.</summary>
public sealed record RecordingEventData(Guid RecordingId, Guid CallId, double DurationSeconds, DateTimeOffset CompletedAt);

/// <summary>Adds recording records, linked to their call, with their event; idempotent per recording id.</summary>
public sealed class CallRecordingStore(IServiceScopeFactory scopes)
{
    /// <exception cref="InvalidOperationException">The call has no record (the gateway reports the call first).</exception>
    public async Task AddAsync(RecordingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(draft.WorkspaceId);
        if (await db.CallRecordings.AnyAsync(r => r.Id == draft.Id, cancellationToken))
        {
            return;
        }

        var call = await db.CallRecords.SingleOrDefaultAsync(c => c.Id == draft.CallId, cancellationToken)
            ?? throw new InvalidOperationException($"Call {draft.CallId} has no record yet.");
        var recording = new CallRecording
        {
            Id = draft.Id,
            CallRecordId = call.Id,
            BlobName = draft.BlobName,
            Duration = draft.Duration,
            CreatedAt = draft.CompletedAt,
        };
        db.CallRecordings.Add(recording);
        call.RecordingId = recording.Id;
        db.WorkspaceEvents.Add(WorkspaceEvent.Create(
            draft.WorkspaceId,
            WorkspaceEventTypes.CallRecordingCompleted,
            new RecordingEventData(recording.Id, call.Id, draft.Duration.TotalSeconds, draft.CompletedAt),
            draft.CompletedAt));
        await db.SaveChangesAsync(cancellationToken);
    }
}
