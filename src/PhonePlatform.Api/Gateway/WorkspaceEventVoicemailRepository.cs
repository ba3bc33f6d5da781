using PhonePlatform.Core.Events;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// Until voicemail has its own table, a stored message is recorded as a <c>call.voicemail.completed</c> workspace
/// event (encrypted data, read by webhooks and live sessions) naming its encrypted blob.
/// </summary>
public sealed class WorkspaceEventVoicemailRepository(IServiceScopeFactory scopes) : IVoicemailRepository
{
    public async Task AddAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(message.WorkspaceId);
        db.WorkspaceEvents.Add(WorkspaceEvent.Create(
            message.WorkspaceId,
            WorkspaceEventTypes.CallVoicemailCompleted,
            new { voicemailId = message.Id, number = message.Number, from = message.CallerNumber, blob = message.BlobName, durationSeconds = message.Duration.TotalSeconds },
            message.ReceivedAt));
        await db.SaveChangesAsync(cancellationToken);
    }
}
