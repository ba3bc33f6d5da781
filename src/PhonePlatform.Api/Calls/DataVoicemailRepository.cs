using PhonePlatform.Data.Calls;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Api.Calls;

/// <summary>The gateway's voicemail port over the data layer (caller number encrypted, <c>call.voicemail.completed</c> written with it).</summary>
public sealed class DataVoicemailRepository(VoicemailStore store) : IVoicemailRepository
{
    public Task AddAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return store.AddAsync(
            new VoicemailDraft(message.Id, message.WorkspaceId, message.Number, message.CallerNumber, message.BlobName, message.Duration, message.ReceivedAt),
            cancellationToken);
    }
}
