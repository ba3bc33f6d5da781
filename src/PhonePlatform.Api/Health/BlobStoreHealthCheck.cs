using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Health;

/// <summary>
/// Ready when the blob store takes a small canary, returns the same bytes and deletes it. The canary is random bytes
/// (indistinguishable from ciphertext; no plaintext and no workspace key involved) under <c>health/</c>, outside every
/// workspace prefix. The description names no host, bucket or path: those stay in the logged exception.
/// </summary>
public sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    private const int CanarySize = 64;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var key = $"health/canary-{Guid.NewGuid():N}";
        var canary = RandomNumberGenerator.GetBytes(CanarySize);
        try
        {
            await store.PutAsync(key, new MemoryStream(canary, writable: false), cancellationToken);
            var readBack = new byte[CanarySize + 1];
            int length;
            await using (var stream = await store.OpenReadAsync(key, cancellationToken))
            {
                length = await stream.ReadAtLeastAsync(readBack, readBack.Length, throwOnEndOfStream: false, cancellationToken);
            }

            await store.DeleteAsync(key, cancellationToken);
            return readBack.AsSpan(0, length).SequenceEqual(canary)
                ? HealthCheckResult.Healthy("Blob store round trip succeeded.")
                : HealthCheckResult.Unhealthy("Blob store returned different bytes.");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Blob store round trip failed.", e);
        }
    }
}
