using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Media;

namespace PhonePlatform.Gateway.Recording;

/// <summary>
/// Starts recordings of bridged calls and, when one stops (on demand or because the call ended), files it through
/// <see cref="ICallRecordingRepository"/> (record linked to the call, <c>call.recording.completed</c>).
/// </summary>
public sealed class CallRecordings(IWorkspaceBlobs blobs, ICallRecordingRepository repository, TimeProvider time)
{
    /// <summary>Raised when a recording was stored and filed.</summary>
    public event Action<RecordedCall>? Stored;

    public CallRecordingSession Start(Guid workspaceId, Guid callId, MediaBridge bridge) =>
        CallRecordingSession.Start(blobs, workspaceId, callId, bridge, time);

    /// <summary>Stops <paramref name="session"/> and files what it recorded; null when nothing was recorded.</summary>
    public async Task<RecordedCall?> CompleteAsync(CallRecordingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var recorded = await session.StopAsync().ConfigureAwait(false);
        if (recorded is null)
        {
            return null;
        }

        await repository.AddAsync(recorded, CancellationToken.None).ConfigureAwait(false);
        Stored?.Invoke(recorded);
        return recorded;
    }
}

/// <summary>Port: files a stored recording (the API host implements it over the data layer).</summary>
public interface ICallRecordingRepository
{
    Task AddAsync(RecordedCall recording, CancellationToken cancellationToken);
}
