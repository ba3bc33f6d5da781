using PhonePlatform.Api.Health;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Blobs;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// The blob store behind recordings, voicemail and exports: the Crypto library's one registration
/// (<see cref="PlatformBlobStoreServiceCollectionExtensions.AddPlatformBlobStore"/>, <c>Storage:Blobs</c>), checked
/// at start. Application code uses <see cref="IWorkspaceBlobs"/> (encrypted and catalogued) or, below it,
/// <see cref="EncryptedBlobStore"/>; <c>/readyz</c> includes a canary round trip through the store.
/// </summary>
public static class BlobStorageServices
{
    public static IServiceCollection AddPhonePlatformBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPlatformBlobStore(configuration);
        // A misconfigured store stops the host at start rather than at the first recording.
        services.AddOptions<BlobStoreStartupCheck>()
            .Validate<PlatformBlobStoreSettings>((_, settings) => settings is not null)
            .ValidateOnStart();
        services.AddSingleton(sp => new EncryptedBlobStore(
            sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<BlobCipher>(), sp.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton<IWorkspaceBlobs, CataloguedBlobStore>();
        services.AddSingleton<BlobStoreHealthCheck>();
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("blob-store", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Options type whose validation resolves the blob-store settings once at start.</summary>
    private sealed class BlobStoreStartupCheck;
}
