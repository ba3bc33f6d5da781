using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tenant-filtered context, the audit log and its verifier. The host registers its own
    /// <see cref="ITenantContext"/> (from the request principal).
    /// </summary>
    public static IServiceCollection AddPhonePlatformData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<PhonePlatformDbContext>(options => options
            .UseNpgsql(connectionString)
            // The filtered Workspace is the principal end of required relationships by design: a dependent
            // of another workspace is filtered out by its own tenant filter as well.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        return services;
    }
}
