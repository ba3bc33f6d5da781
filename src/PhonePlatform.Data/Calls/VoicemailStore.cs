using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Protection;

namespace PhonePlatform.Data.Calls;

/// <summary>A recorded message whose audio is already in the encrypted blob store.</summary>
public sealed record VoicemailDraft(
    Guid Id, Guid WorkspaceId, string Number, string? CallerNumber, string BlobName, TimeSpan Duration, DateTimeOffset ReceivedAt)
{
    /// <summary>The call the message was left on, linked both ways when its record exists.</summary>
    public Guid? CallId { get; init; }
}

/// <summary>The <c>data</c> of <c>call.voicemail.completed</c>.</summary>
public sealed record VoicemailEventData(Guid VoicemailId, Guid? CallId, string Number, string? CallerNumber, double DurationSeconds, DateTimeOffset ReceivedAt);

/// <summary>Adds voicemail records (caller number encrypted) with their event, idempotently per voicemail id.</summary>
public sealed class VoicemailStore(IServiceScopeFactory scopes)
{
    public async Task AddAsync(VoicemailDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(draft.WorkspaceId);
        if (await db.Voicemails.AnyAsync(v => v.Id == draft.Id, cancellationToken))
        {
            return;
        }

        var call = draft.CallId is { } callId ? await db.CallRecords.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken) : null;
        var voicemail = new Voicemail
        {
            Id = draft.Id,
            CallRecordId = call?.Id,
            PhoneNumberId = await db.PhoneNumbers.Where(n => n.E164 == draft.Number).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(cancellationToken),
            Number = draft.Number,
            CallerNumber = draft.CallerNumber is { Length: > 0 } caller ? EncryptedText.From(caller) : null,
            BlobName = draft.BlobName,
            Duration = draft.Duration,
            ReceivedAt = draft.ReceivedAt,
        };
        db.Voicemails.Add(voicemail);
        if (call is not null)
        {
            call.VoicemailId = voicemail.Id;
        }

        db.WorkspaceEvents.Add(WorkspaceEvent.Create(
            draft.WorkspaceId,
            WorkspaceEventTypes.CallVoicemailCompleted,
            new VoicemailEventData(voicemail.Id, call?.Id, draft.Number, draft.CallerNumber, draft.Duration.TotalSeconds, draft.ReceivedAt),
            draft.ReceivedAt + draft.Duration));
        await db.SaveChangesAsync(cancellationToken);
    }
}
