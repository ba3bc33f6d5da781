using PhonePlatform.Data.Calls;
using PhonePlatform.Gateway.Recording;

namespace PhonePlatform.Api.Calls;

/// <summary>The gateway's recording port over the data layer (a <c>CallRecording</c> linked to its call, <c>call.recording.completed</c>).</summary>
public sealed class DataCallRecordingRepository(CallRecordingStore store) : ICallRecordingRepository
{
    public Task AddAsync(RecordedCall recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return store.AddAsync(
            new RecordingDraft(recording.Id, recording.WorkspaceId, recording.CallId, recording.BlobName, recording.Duration, recording.StartedAt + recording.Duration),
            cancellationToken);
    }
}
