using System.Diagnostics;
using PhonePlatform.Core.Observability;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Operations;

/// <summary>Times every call to the key provider (KMS latency is on the path of the first request of each workspace).</summary>
public sealed class MeasuredKeyProvider(IKeyProvider inner, PlatformMetrics metrics) : IKeyProvider
{
    public string Name => inner.Name;

    public Task<GeneratedDataKey> GenerateDataKeyAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        MeasureAsync("wrap", () => inner.GenerateDataKeyAsync(workspaceId, cancellationToken));

    public Task<SecretKey> DecryptDataKeyAsync(Guid workspaceId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default) =>
        MeasureAsync("unwrap", () => inner.DecryptDataKeyAsync(workspaceId, wrappedKey, cancellationToken));

    public override string ToString() => $"Measured({inner})";

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await call();
            succeeded = true;
            return result;
        }
        finally
        {
            metrics.KeyProviderCall(inner.Name, operation, Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}
