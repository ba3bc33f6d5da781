using Microsoft.Extensions.Options;
using PhonePlatform.Api.Health;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// The key provider behind encryption at rest: <c>Encryption:KeyProvider</c> = <c>local</c> (default; master key
/// file at <c>Storage:KeyFile</c>, created on first use) or <c>aws-kms</c> (settings under <c>Encryption:AwsKms</c>).
/// </summary>
public static class EncryptionServices
{
    public static IServiceCollection AddPhonePlatformKeyProvider(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["Encryption:KeyProvider"] ?? LocalKeyProvider.ProviderName;
        switch (provider)
        {
            case LocalKeyProvider.ProviderName:
                services.AddSingleton<IKeyProvider>(sp => new LocalKeyProvider(new LocalKeyProviderOptions
                {
                    MasterKeyPath = sp.GetRequiredService<IOptions<StorageOptions>>().Value.KeyFile,
                }));
                break;
            case AwsKmsKeyProvider.ProviderName:
                var kms = configuration.GetSection("Encryption:AwsKms").Get<AwsKmsKeyProviderOptions>()
                    ?? throw new InvalidOperationException("Set Encryption:AwsKms:KeyId for the aws-kms key provider.");
                services.AddSingleton<IKeyProvider>(_ => new AwsKmsKeyProvider(kms));
                break;
            default:
                throw new InvalidOperationException($"Unknown Encryption:KeyProvider '{provider}' (use 'local' or 'aws-kms').");
        }

        services.AddSingleton<KeyProviderHealthCheck>();
        services.AddHealthChecks().AddCheck<KeyProviderHealthCheck>("key-provider", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
