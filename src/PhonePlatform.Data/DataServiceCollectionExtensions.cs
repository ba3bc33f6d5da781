using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

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
            // The filtered Workspace is the principal end of required relationships by design: a dependent
            // of another workspace is filtered out by its own tenant filter as well.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        return services;
    }
}
