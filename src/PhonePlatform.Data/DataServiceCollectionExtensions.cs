using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhonePlatform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers (connection string resolved lazily, so hosts and tests can configure it late) the tenant-filtered context, the audit log and its verifier. The host registers its own
    /// <see cref="ITenantContext"/> (from the request principal).
    /// </summary>
    public static IServiceCollection AddPhonePlatformData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddDbContext<PhonePlatformDbContext>((provider, options) => options
            .UseNpgsql(connectionString(provider))
            // EF caches its internal services per options; naming the host's logger factory here keeps each host's
            // SQL logs in that host (several hosts share a process in tests, and EF would otherwise reuse the first).
            .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            // The filtered Workspace is the principal end of required relationships by design: a dependent
            // of another workspace is filtered out by its own tenant filter as well.
            .ConfigureWarnings(w => w.Ignore(
                CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning,
                // One internal provider per host's logger factory: a process runs one host, a test process many.
                CoreEventId.ManyServiceProvidersCreatedWarning)));
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        return services;
    }
}
