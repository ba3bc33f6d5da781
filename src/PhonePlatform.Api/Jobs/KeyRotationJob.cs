using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.Jobs;

/// <summary>
/// Drives queued key rotations batch by batch (<see cref="KeyRotationRunner"/>); idles briefly when there is nothing
/// to do. Progress lives in PostgreSQL, so a restarted host continues where the previous one stopped.
/// </summary>
public sealed partial class KeyRotationJob(KeyRotationRunner runner, TimeProvider time, ILogger<KeyRotationJob> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await runner.RunBatchAsync(stoppingToken) is { } rotation)
                {
                    if (rotation.CompletedAt is not null)
                    {
                        LogCompleted(rotation.WorkspaceId, rotation.ToVersion, rotation.ReEncrypted);
                    }

                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a failed batch (e.g. database restart); it is retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(e);
            }

            await Task.Delay(IdleDelay, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation of workspace {WorkspaceId} to v{Version} completed: {Count} values re-encrypted, old versions destroyed.")]
    private partial void LogCompleted(Guid workspaceId, int version, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key rotation batch failed; retrying.")]
    private partial void LogFailed(Exception exception);
}
