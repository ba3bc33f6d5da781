using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Crypto;

/// <summary>
/// The platform's blob store as configured: <c>Storage:Blobs:Provider</c> = <c>local</c> (default; folder
/// <c>Storage:BlobFolder</c>, default <c>.data/blobs</c>) or <c>s3</c>
/// (<c>Storage:Blobs:S3:Bucket|Region|ServiceUrl|ForcePathStyle|AccessKeyId|SecretAccessKey|PartSize</c>; leave the keys
/// unset in deployments so the AWS credential chain applies).
/// </summary>
public sealed class PlatformBlobStoreSettings
{
    public const string LocalProvider = "local";
    public const string S3Provider = "s3";

    public string Provider { get; private init; } = LocalProvider;

    public string Folder { get; private init; } = ".data/blobs";

    public S3BlobStoreOptions S3 { get; } = new();

    /// <summary>Reads and validates the settings; an unknown provider or an s3 store without a bucket throws, naming the key.</summary>
    public static PlatformBlobStoreSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new PlatformBlobStoreSettings
        {
            Provider = configuration["Storage:Blobs:Provider"] ?? LocalProvider,
            Folder = configuration["Storage:BlobFolder"] ?? ".data/blobs",
        };
        var s3 = configuration.GetSection("Storage:Blobs:S3");
        settings.S3.Bucket = s3["Bucket"] ?? string.Empty;
        settings.S3.Region = s3["Region"] ?? settings.S3.Region;
        settings.S3.ServiceUrl = s3["ServiceUrl"] is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null;
        settings.S3.ForcePathStyle = bool.TryParse(s3["ForcePathStyle"], out var pathStyle) && pathStyle;
        settings.S3.AccessKeyId = s3["AccessKeyId"];
        settings.S3.SecretAccessKey = s3["SecretAccessKey"];
        settings.S3.PartSize = s3["PartSize"] is { } part ? int.Parse(part, NumberStyles.Integer, CultureInfo.InvariantCulture) : settings.S3.PartSize;

        if (settings.Provider is not (LocalProvider or S3Provider))
        {
            throw new InvalidOperationException($"Unknown Storage:Blobs:Provider '{settings.Provider}' (use 'local' or 's3').");
        }

        if (settings.Provider == S3Provider && string.IsNullOrWhiteSpace(settings.S3.Bucket))
        {
            throw new InvalidOperationException("Set Storage:Blobs:S3:Bucket for the s3 blob store.");
        }

        return settings;
    }

    public IBlobStore CreateStore() => Provider == S3Provider
        ? new S3BlobStore(S3)
        : new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = Folder });

    public override string ToString() => Provider == S3Provider ? $"s3 ({S3})" : $"local ({Folder})";
}

/// <summary>The one registration of the platform's blob store, shared by the API host, the backup tool and <see cref="EnvelopeEncryptionServiceCollectionExtensions.AddEnvelopeEncryption"/>.</summary>
public static class PlatformBlobStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PlatformBlobStoreSettings"/> and the <see cref="IBlobStore"/> they describe (singletons).
    /// The settings are read when first resolved, so configuration added after registration (test hosts) applies.
    /// </summary>
    public static IServiceCollection AddPlatformBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => PlatformBlobStoreSettings.Read(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<PlatformBlobStoreSettings>().CreateStore());
        return services;
    }
}
