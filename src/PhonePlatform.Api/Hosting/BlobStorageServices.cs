using Microsoft.Extensions.Options;
using PhonePlatform.Api.Health;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Blobs;

namespace PhonePlatform.Api.Hosting;

/// <summary>Section <c>Storage:Blobs</c>.</summary>
public sealed class BlobStorageOptions
{
    public const string LocalProvider = "local";
    public const string S3Provider = "s3";

    /// <summary><c>local</c> (folder <c>Storage:BlobFolder</c>) or <c>s3</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>
    /// Bucket, region, service URL and path-style of the <c>s3</c> provider. Leave the access keys unset in
    /// deployments: the AWS SDK's standard credential chain (environment, profile, instance role) applies then.
    /// </summary>
    public S3BlobStoreOptions S3 { get; set; } = new();
}

/// <summary>
/// The blob store behind recordings, voicemail and exports, chosen by <c>Storage:Blobs:Provider</c> (validated at
/// start). Application code uses <see cref="IWorkspaceBlobs"/> (encrypted and catalogued) or, below it,
/// <see cref="EncryptedBlobStore"/>; <c>/readyz</c> includes a canary round trip through the store.
/// </summary>
public static class BlobStorageServices
{
    public static IServiceCollection AddPhonePlatformBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BlobStorageOptions>().Bind(configuration.GetSection("Storage:Blobs"))
            .Validate(o => o.Provider is BlobStorageOptions.LocalProvider or BlobStorageOptions.S3Provider, "Unknown Storage:Blobs:Provider (use 'local' or 's3').")
            .Validate(o => o.Provider != BlobStorageOptions.S3Provider || !string.IsNullOrWhiteSpace(o.S3.Bucket), "Set Storage:Blobs:S3:Bucket for the s3 blob store.")
            .ValidateOnStart();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
            return options.Provider == BlobStorageOptions.S3Provider
                ? new S3BlobStore(options.S3)
                : new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = sp.GetRequiredService<IOptions<StorageOptions>>().Value.BlobFolder });
        });
        services.AddSingleton(sp => new EncryptedBlobStore(
            sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<BlobCipher>(), sp.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton<IWorkspaceBlobs, CataloguedBlobStore>();
        services.AddSingleton<BlobStoreHealthCheck>();
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("blob-store", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
