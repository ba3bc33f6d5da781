using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Health;

/// <summary>
/// Ready when the key provider wraps and unwraps a canary data key (for a reserved all-zero workspace id). The result
/// is cached for a short while so frequent probes do not turn into a KMS bill.
/// </summary>
public sealed class KeyProviderHealthCheck(IKeyProvider provider, TimeProvider time) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? last;

    public void Dispose() => gate.Dispose();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (last is { } cached && time.GetUtcNow() - cached.At < CacheFor)
            {
                return cached.Result;
            }

            var result = await RoundTripAsync(cancellationToken);
            last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<HealthCheckResult> RoundTripAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var generated = await provider.GenerateDataKeyAsync(Guid.Empty, cancellationToken);
            using var unwrapped = await provider.DecryptDataKeyAsync(Guid.Empty, generated.WrappedKey, cancellationToken);
            return unwrapped.Span.SequenceEqual(generated.Plaintext.Span)
                ? HealthCheckResult.Healthy($"{provider.Name} key provider round trip succeeded.")
                : HealthCheckResult.Unhealthy($"{provider.Name} key provider returned a different key.");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"{provider.Name} key provider round trip failed.", e);
        }
    }
}
