using System.IO.Pipelines;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Audio;

namespace PhonePlatform.Gateway.Recording;

/// <summary>
/// One recording of a bridged call: the bridge's tap feeds a <see cref="CallRecorder"/> (first leg left, second leg
/// right, 8 kHz stereo 16-bit WAV), whose output streams through a pipe straight into the encrypted blob store, so the
/// recording never sits in memory: the pipe pauses the writer at <see cref="PipePauseBytes"/> and the recorder's
/// bounded queue drops (and counts) packets rather than stall the relay if the store falls behind.
/// </summary>
public sealed class CallRecordingSession : IAsyncDisposable
{
    private const int PipePauseBytes = 256 * 1024;
    private const int SampleRate = 8000;

    private readonly MediaBridge bridge;
    private readonly CallRecorder recorder;
    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: PipePauseBytes, resumeWriterThreshold: PipePauseBytes / 2, useSynchronizationContext: false));
    private readonly Task<long> storing;
    private readonly Lazy<Task<RecordedCall?>> stopping;

    private CallRecordingSession(IWorkspaceBlobs blobs, Guid workspaceId, Guid callId, MediaBridge bridge, DateTimeOffset startedAt)
    {
        this.bridge = bridge;
        Recording = new RecordedCall(Guid.CreateVersion7(), workspaceId, callId, string.Empty, TimeSpan.Zero, startedAt);
        Recording = Recording with { BlobName = $"recordings/{Recording.Id:N}.wav" };
        storing = blobs.StoreAsync(workspaceId, BlobKind.Recording, Recording.BlobName, pipe.Reader.AsStream(), CancellationToken.None);

        // A store that fails stops reading: fail the writer too, so the recorder's queue drains instead of waiting.
        _ = storing.ContinueWith(t => pipe.Reader.Complete(t.Exception), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        recorder = new CallRecorder(pipe.Writer.AsStream());
        stopping = new Lazy<Task<RecordedCall?>>(StopCoreAsync);
    }

    /// <summary>What is being recorded (duration is filled in by <see cref="StopAsync"/>).</summary>
    public RecordedCall Recording { get; private set; }

    /// <summary>Packets the recorder dropped because the store fell behind.</summary>
    public long DroppedPackets => recorder.DroppedPackets;

    /// <summary>Starts recording what <paramref name="bridge"/> relays, from now on.</summary>
    public static CallRecordingSession Start(IWorkspaceBlobs blobs, Guid workspaceId, Guid callId, MediaBridge bridge, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(time);
        var session = new CallRecordingSession(blobs, workspaceId, callId, bridge, time.GetUtcNow());
        bridge.Recorder = session.recorder;
        return session;
    }

    /// <summary>
    /// Stops the tap, finishes the WAV and waits until the store has it. Null when nothing was recorded or the store
    /// failed (the partial blob is deleted). Idempotent: every caller gets the same result.
    /// </summary>
    public Task<RecordedCall?> StopAsync() => stopping.Value;

    /// <summary>Stops like <see cref="StopAsync"/> (for owners that only need the recording to end).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task<RecordedCall?> StopCoreAsync()
    {
        bridge.Recorder = null;
        try
        {
            // Completing the recorder closes its stream, which completes the pipe's writer: the store reads to the end.
            await recorder.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // The store stopped reading; its own failure is what counts below.
        }

        try
        {
            await storing.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        Recording = Recording with { Duration = TimeSpan.FromSeconds(recorder.FramesWritten / (double)SampleRate) };
        return recorder.FramesWritten > 0 ? Recording : null;
    }
}

/// <summary>A finished call recording whose audio is in the encrypted blob store under <see cref="BlobName"/>.</summary>
public sealed record RecordedCall(Guid Id, Guid WorkspaceId, Guid CallId, string BlobName, TimeSpan Duration, DateTimeOffset StartedAt);
