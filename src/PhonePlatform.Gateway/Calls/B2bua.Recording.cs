using System.Collections.Concurrent;
using PhonePlatform.Gateway.Recording;

namespace PhonePlatform.Gateway.Calls;

// Recording of bridged calls, on demand (API, softphone) or by the number's policy: a tap on the call's bridge; the
// recording stops when asked or when the bridge goes away with the call.
public sealed partial class B2bua
{
    private readonly ConcurrentDictionary<Guid, CallRecordingSession> recordings = new();

    /// <summary>Where recordings go; null when this gateway does not record.</summary>
    public CallRecordings? Recordings { get; init; }

    /// <summary>
    /// Starts recording the bridged call <paramref name="callId"/> (both directions, stereo). False when recording is
    /// not configured or the call is not bridged here; true when it records (already or from now on).
    /// </summary>
    public bool TryStartRecording(Guid callId)
    {
        if (Recordings is not { } store
            || calls.Values.FirstOrDefault(c => c.Id == callId) is not { Bridge: { } bridge, Info.WorkspaceId: { } workspaceId })
        {
            return false;
        }

        lock (recordings)
        {
            if (recordings.ContainsKey(callId))
            {
                return true;
            }

            recordings[callId] = store.Start(workspaceId, callId, bridge);
        }

        bridge.Disconnected += () => _ = StopRecordingAsync(callId);
        return true;
    }

    /// <summary>Stops the call's recording and files it; null when it was not recording or recorded nothing.</summary>
    public async Task<RecordedCall?> StopRecordingAsync(Guid callId) =>
        recordings.TryRemove(callId, out var session) ? await Recordings!.CompleteAsync(session).ConfigureAwait(false) : null;

    /// <summary>True while <paramref name="callId"/> is being recorded.</summary>
    public bool IsRecording(Guid callId) => recordings.ContainsKey(callId);
}
