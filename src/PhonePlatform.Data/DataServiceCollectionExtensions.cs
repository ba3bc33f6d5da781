using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Data.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Contacts;
using PhonePlatform.Data.Encryption;
using PhonePlatform.Data.Encryption.Internal;

namespace PhonePlatform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers (connection string resolved lazily, so hosts and tests can configure it late) the tenant-filtered context, the audit log and its verifier,
    /// and encryption at rest: the PostgreSQL wrapped-key store, the workspace keyring, field/blob ciphers, blind
    /// indexes and the save/load interceptors. The host registers its own <see cref="ITenantContext"/> (from the
    /// request principal) and the <see cref="IKeyProvider"/> (local key file or AWS KMS).
    /// </summary>
    public static IServiceCollection AddPhonePlatformData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(provider => NpgsqlDataSource.Create(connectionString(provider)));
        services.AddSingleton<IWrappedKeyStore, PostgresWrappedKeyStore>();
        services.AddSingleton(new WorkspaceKeyringOptions());
        services.AddSingleton(provider => new WorkspaceKeyring(
            provider.GetRequiredService<IKeyProvider>(),
            provider.GetRequiredService<IWrappedKeyStore>(),
            provider.GetRequiredService<WorkspaceKeyringOptions>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new FieldCipher(provider.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton(provider => new BlobCipher(provider.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton(provider => new BlindIndex(provider.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton<EncryptionKeyWarmer>();
        services.AddSingleton<EncryptedFieldProtector>();
        services.AddSingleton<WorkspaceShredder>();
        services.AddSingleton<KeyRotationRunner>();
        services.AddSingleton<IContactDirectory, ContactDirectory>();
        services.AddSingleton<CallRecordWriter>();
        services.AddSingleton<VoicemailStore>();
        services.AddSingleton<CallRecordingStore>();
        services.AddSingleton<EncryptOnSaveInterceptor>();
        services.AddSingleton<WarmKeysOnQueryInterceptor>();
        services.AddSingleton<DecryptOnLoadInterceptor>();

        services.AddDbContext<PhonePlatformDbContext>((provider, options) => options
            .UseNpgsql(connectionString(provider))
            .AddInterceptors(
                provider.GetRequiredService<EncryptOnSaveInterceptor>(),
                provider.GetRequiredService<WarmKeysOnQueryInterceptor>(),
                provider.GetRequiredService<DecryptOnLoadInterceptor>())
            // The filtered Workspace is the principal end of required relationships by design: a dependent
            // of another workspace is filtered out by its own tenant filter as well.
            .ConfigureWarnings(w => w.Ignore(
                CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning,
                // The interceptors are per-host singletons and part of EF's internal provider key: one provider per
                // host, which is one in production and dozens in a test process.
                CoreEventId.ManyServiceProvidersCreatedWarning)));
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        return services;
    }
}
