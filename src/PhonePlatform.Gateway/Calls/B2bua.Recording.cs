using System.Collections.Concurrent;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Recording;

namespace PhonePlatform.Gateway.Calls;

// Recording of bridged calls, on demand (API, softphone) or by the number's policy: a tap on the call's bridge; the
// recording stops when asked or when the bridge goes away with the call.
public sealed partial class B2bua
{
    private readonly ConcurrentDictionary<Guid, CallRecordingSession> recordings = new();
    private readonly ConcurrentDictionary<Guid, byte> recordingStarts = new();

    /// <summary>Where recordings go; null when this gateway does not record.</summary>
    public CallRecordings? Recordings { get; init; }

    /// <summary>
    /// Starts recording the bridged call <paramref name="callId"/> (both directions, stereo). False when recording is
    /// not configured or the call is not bridged here; true when it records (already or from now on).
    /// </summary>
    public bool TryStartRecording(Guid callId)
    {
        if (Recordings is not { } store
            || FindCall(callId) is not { Bridge: { } bridge, Info.WorkspaceId: { } workspaceId })
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

    /// <summary>
    /// On demand (the API): starts recording a live call held by this node, first playing the announcement to both
    /// parties when the number's settings ask for one.
    /// </summary>
    public async Task<RecordingRequest> StartRecordingAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (Recordings is null || FindCall(callId) is not { RecordedElsewhere: false } call)
        {
            return RecordingRequest.NotHere;
        }

        if (call.Bridge is null)
        {
            return RecordingRequest.NotAnswered;
        }

        if (IsRecording(callId) || !recordingStarts.TryAdd(callId, 0))
        {
            return RecordingRequest.AlreadyRecording;
        }

        try
        {
            var policy = await PolicyOfAsync(call, cancellationToken).ConfigureAwait(false);
            return await AnnounceAndRecordAsync(call, policy.AnnounceRecording).ConfigureAwait(false)
                ? RecordingRequest.Started
                : RecordingRequest.NotAnswered;
        }
        finally
        {
            recordingStarts.TryRemove(callId, out _);
        }
    }

    /// <summary>Stops the call's recording and files it; null when it was not recording or recorded nothing.</summary>
    public async Task<RecordedCall?> StopRecordingAsync(Guid callId) =>
        recordings.TryRemove(callId, out var session) ? await Recordings!.CompleteAsync(session).ConfigureAwait(false) : null;

    /// <summary>True while <paramref name="callId"/> is being recorded.</summary>
    public bool IsRecording(Guid callId) => recordings.ContainsKey(callId);

    /// <summary>True while this node holds the call (ringing or answered).</summary>
    public bool HoldsCall(Guid callId) => FindCall(callId) is not null;

    private ActiveCall? FindCall(Guid callId) => calls.Values.FirstOrDefault(c => c.Id == callId);

    /// <summary>A call was just bridged: the number's policy may record it from the answer on (inbound and outbound).</summary>
    private void RecordByPolicy(ActiveCall call)
    {
        if (Recordings is null || CallSettings is null || call.RecordedElsewhere || call.Info.WorkspaceId is null)
        {
            return;
        }

        var id = Guid.NewGuid();
        running[id] = RecordByPolicyAsync(call).ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    private async Task RecordByPolicyAsync(ActiveCall call)
    {
        var policy = await PolicyOfAsync(call, call.EndedToken).ConfigureAwait(false);
        if (policy.Recording == CallRecordingMode.Always && recordingStarts.TryAdd(call.Id, 0))
        {
            try
            {
                await AnnounceAndRecordAsync(call, policy.AnnounceRecording).ConfigureAwait(false);
            }
            finally
            {
                recordingStarts.TryRemove(call.Id, out _);
            }
        }
    }

    private async Task<NumberCallPolicy> PolicyOfAsync(ActiveCall call, CancellationToken cancellationToken) =>
        CallSettings is not null && call.Info is { WorkspaceId: { } workspaceId, WorkspaceNumber: { } number }
            ? await CallSettings.GetAsync(workspaceId, number, cancellationToken).ConfigureAwait(false)
            : NumberCallPolicy.Default;

    /// <summary>
    /// The announcement plays to both legs with the relay paused (neither party hears the other over it), then the
    /// recording starts; false when the call ended or was re-bridged meanwhile.
    /// </summary>
    private async Task<bool> AnnounceAndRecordAsync(ActiveCall call, bool announce)
    {
        if (announce && call.Bridge is { } bridge && call.Second is { } second)
        {
            var prompt = await RecordingAnnouncement.CreateDefaultAsync(CancellationToken.None).ConfigureAwait(false);
            bridge.Paused = true;
            try
            {
                await Task.WhenAll(
                    LegPrompt.PlayAsync(call.First.Media, prompt, sipStack.TimeProvider, call.EndedToken),
                    LegPrompt.PlayAsync(second.Media, prompt, sipStack.TimeProvider, call.EndedToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                bridge.Paused = false;
            }
        }

        return TryStartRecording(call.Id);
    }
}

/// <summary>What became of a request to record a live call.</summary>
public enum RecordingRequest
{
    Started,

    /// <summary>The call is not held by this node (unknown, ended, or answered on another node), or it does not record.</summary>
    NotHere,

    /// <summary>The call is still ringing (no bridge yet), or it ended while the announcement played.</summary>
    NotAnswered,
    AlreadyRecording,
}
