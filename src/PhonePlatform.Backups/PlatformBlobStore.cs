using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups;

/// <summary>
/// The platform's blob store as hosts configure it: <c>Storage:Blobs:Provider</c> = <c>local</c> (default; folder
/// <c>Storage:BlobFolder</c>) or <c>s3</c> (settings under <c>Storage:Blobs:S3</c>), the same keys the API host reads.
/// Kept if a host already registered one.
/// </summary>
public static class PlatformBlobStore
{
    public static IServiceCollection AddPlatformBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var kind = configuration["Storage:Blobs:Provider"] ?? "local";
        switch (kind)
        {
            case "local":
                var folder = configuration["Storage:BlobFolder"] ?? new LocalFolderBlobStoreOptions().RootPath;
                services.TryAddSingleton<IBlobStore>(_ => new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = folder }));
                break;
            case "s3":
                var s3 = configuration.GetSection("Storage:Blobs:S3").Get<S3BlobStoreOptions>()
                    ?? throw new InvalidOperationException("Set Storage:Blobs:S3:Bucket for the s3 blob store.");
                services.TryAddSingleton<IBlobStore>(_ => new S3BlobStore(s3));
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage:Blobs:Provider '{kind}' (use 'local' or 's3').");
        }

        return services;
    }
}
