using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PhonePlatform.Core.Observability;
using PhonePlatform.Crypto;

namespace PhonePlatform.Backups;

public static class BackupsServiceCollectionExtensions
{
    /// <summary>
    /// Backups from the <c>Backup</c> section: <see cref="CreateBackup"/>, <see cref="RestoreBackup"/>,
    /// <see cref="RestoreTest"/> and <see cref="RestoreTestStatus"/>. Needs an <see cref="IKeyProvider"/> and an
    /// <see cref="IBlobStore"/>; hosted jobs are added separately (<see cref="AddBackupJobs"/>) by the roles that run them.
    /// </summary>
    public static IServiceCollection AddPhonePlatformBackups(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("Backup").Get<BackupOptions>() ?? new BackupOptions();
        _ = options.Interval; // an unknown schedule fails at startup, not at the first tick
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>();
        services.AddSingleton(sp => new PlatformDatabase(connectionString(sp)));
        services.AddSingleton(sp => new BackupCipher(sp.GetRequiredService<IKeyProvider>()));
        services.AddSingleton<BackupCatalog>();
        services.AddSingleton<RestoreTestStatus>();
        services.AddSingleton<RestoreVerifier>();
        services.AddScoped<CreateBackup>();
        services.AddScoped<RestoreBackup>();
        services.AddScoped<RestoreTest>();
        return services;
    }

    /// <summary>The periodic restore test, and scheduled backups when <paramref name="scheduleBackups"/> is set.</summary>
    public static IServiceCollection AddBackupJobs(this IServiceCollection services, bool scheduleBackups)
    {
        services.AddHostedService<RestoreTestJob>();
        if (scheduleBackups)
        {
            services.AddHostedService<BackupScheduler>();
        }

        return services;
    }
}
