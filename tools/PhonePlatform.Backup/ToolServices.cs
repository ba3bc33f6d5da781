using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Backups;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backup;

internal static class ToolServices
{
    /// <summary>The key provider and blob store configured as in the API host, and the backup services.</summary>
    public static IServiceCollection AddBackupTool(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Encryption:KeyProvider"] ?? LocalKeyProvider.ProviderName;
        services.AddSingleton<IKeyProvider>(provider switch
        {
            LocalKeyProvider.ProviderName => _ => new LocalKeyProvider(new LocalKeyProviderOptions
            {
                MasterKeyPath = configuration["Storage:KeyFile"] ?? ".data/keys/local-master.key",
            }),
            AwsKmsKeyProvider.ProviderName => _ => new AwsKmsKeyProvider(configuration.GetSection("Encryption:AwsKms").Get<AwsKmsKeyProviderOptions>()
                ?? throw new InvalidOperationException("Set Encryption:AwsKms:KeyId for the aws-kms key provider.")),
            _ => throw new InvalidOperationException($"Unknown Encryption:KeyProvider '{provider}' (use 'local' or 'aws-kms')."),
        });
        services.AddPlatformBlobStore(configuration);
        services.AddPhonePlatformBackups(configuration, _ => configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (env PHONEPLATFORM__ConnectionStrings__Postgres)."));
        return services;
    }
}
