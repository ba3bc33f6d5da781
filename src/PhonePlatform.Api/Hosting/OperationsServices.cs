using System.Diagnostics.Metrics;
using PhonePlatform.Api.Health;
using PhonePlatform.Api.Operations;
using PhonePlatform.Backups;
using PhonePlatform.Core.Observability;
using PhonePlatform.Crypto;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// Operations: platform metrics (and key provider timing), backups and their restore test
/// (jobs role, when <c>Backup:Enabled</c>), the SMS queue observer (jobs role), readiness checks for the blob store
/// and the last restore test, and the public status summary. Call after the key provider is registered.
/// </summary>
public static class OperationsServices
{
    public static IServiceCollection AddPhonePlatformOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var roles = PlatformRoles.FromConfiguration(configuration);
        services.AddMetrics();
        services.AddSingleton(sp =>
        {
            var metrics = new PlatformMetrics(sp.GetRequiredService<IMeterFactory>());
            if (roles.Has(PlatformRole.Gateway))
            {
                metrics.ObserveMediaDrops(() => MediaDrops.Reasons.Select(r => KeyValuePair.Create(r.Label, MediaDrops.Read(r.Reason))));
            }

            return metrics;
        });
        services.AddSingleton<ComponentReports>();
        MeasureKeyProvider(services);
        services.AddPhonePlatformBackups(configuration, sp => sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")!);
        if (roles.Has(PlatformRole.Jobs))
        {
            services.AddHostedService<SmsQueueObserver>();
            if (configuration.GetValue<bool>("Backup:Enabled"))
            {
                services.AddBackupJobs(scheduleBackups: true);
            }
        }

        // The blob-store check is registered with the store itself (BlobStorageServices).
        services.AddHealthChecks()
            .AddCheck<BackupRestoreHealthCheck>("backup-restore", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<PlatformStatus>();
        return services;
    }

    private static void MeasureKeyProvider(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IKeyProvider))
            ?? throw new InvalidOperationException("Register the key provider before the operations services.");
        services.Remove(registered);
        services.AddSingleton<IKeyProvider>(sp => new MeasuredKeyProvider(
            registered.ImplementationInstance as IKeyProvider
                ?? (IKeyProvider)registered.ImplementationFactory?.Invoke(sp)!
                ?? (IKeyProvider)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
            sp.GetRequiredService<PlatformMetrics>()));
    }
}
