using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>Registers the encryption-at-rest services from the <c>Encryption</c> configuration section.</summary>
public static class EnvelopeEncryptionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKeyProvider"/> (<c>Encryption:KeyProvider</c> = <c>local</c> | <c>aws-kms</c>),
    /// <see cref="WorkspaceKeyring"/>, <see cref="FieldCipher"/>, <see cref="BlindIndex"/>, <see cref="BlobCipher"/>,
    /// <see cref="IBlobStore"/> (<see cref="PlatformBlobStoreServiceCollectionExtensions.AddPlatformBlobStore"/>: <c>Storage:Blobs</c>) and
    /// <see cref="EncryptedBlobStore"/>, all singletons. The <see cref="IWrappedKeyStore"/> is not registered here:
    /// the data layer provides the durable one (or call <see cref="AddInMemoryWrappedKeyStore"/> in tests and tools).
    /// Settings (all optional except where a provider needs them):
    /// <c>Local:MasterKeyPath</c>; <c>AwsKms:KeyId|Region|ServiceUrl|AccessKeyId|SecretAccessKey</c>;
    /// <c>KeyCacheDuration</c> (e.g. <c>00:05:00</c>); <c>BlobChunkSize</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (its <c>Encryption</c> and <c>Storage:Blobs</c> sections are read).</param>
    public static IServiceCollection AddEnvelopeEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = EncryptionSettings.Read(configuration.GetSection("Encryption"));

        services.TryAddSingleton(TimeProvider.System);
        if (settings.KeyProvider == AwsKmsKeyProvider.ProviderName)
        {
            services.AddSingleton<IKeyProvider>(_ => new AwsKmsKeyProvider(settings.AwsKms));
        }
        else
        {
            services.AddSingleton<IKeyProvider>(_ => new LocalKeyProvider(settings.Local));
        }

        services.AddPlatformBlobStore(configuration);
        services.AddSingleton(sp => new WorkspaceKeyring(
            sp.GetRequiredService<IKeyProvider>(),
            sp.GetRequiredService<IWrappedKeyStore>(),
            settings.Keyring,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FieldCipher(sp.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton(sp => new BlindIndex(sp.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton(sp => new BlobCipher(sp.GetRequiredService<WorkspaceKeyring>(), settings.BlobChunkSize));
        services.AddSingleton(sp => new EncryptedBlobStore(
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<BlobCipher>(),
            sp.GetRequiredService<WorkspaceKeyring>()));
        return services;
    }

    /// <summary>Registers the non-durable <see cref="InMemoryWrappedKeyStore"/> (tests, benchmarks, tools only).</summary>
    public static IServiceCollection AddInMemoryWrappedKeyStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IWrappedKeyStore, InMemoryWrappedKeyStore>();
        return services;
    }
}
