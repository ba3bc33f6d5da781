using Microsoft.Extensions.Options;
using PhonePlatform.Api.Cluster;
using PhonePlatform.Api.Health;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// Running as one of many processes: every role fails <c>/readyz</c> from the moment it is told to stop, and the host
/// waits up to <c>Cluster:DrainTimeout</c> (plus a margin for the rest of shutdown) before giving up on its services;
/// a gateway records itself in <c>GatewayNodes</c> so its peers can route calls for the softphones it holds.
/// </summary>
public static class ClusterServices
{
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddPhonePlatformCluster(this IServiceCollection services, IConfiguration configuration, PlatformRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        services.Configure<ClusterOptions>(configuration.GetSection("Cluster"));
        services.AddOptions<HostOptions>().Configure<IOptions<ClusterOptions>>((host, cluster) =>
            host.ShutdownTimeout = cluster.Value.DrainTimeout + ShutdownMargin);
        services.AddSingleton<ProcessDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessDrain>());
        services.AddHealthChecks().AddCheck<ProcessDrain>("drain", tags: [HealthEndpoints.ReadyTag]);
        if (roles.Has(PlatformRole.Gateway))
        {
            services.AddSingleton<GatewayNodeRegistry>();
            services.AddSingleton<IGatewayCluster>(sp => sp.GetRequiredService<GatewayNodeRegistry>());
            services.AddHostedService(sp => sp.GetRequiredService<GatewayNodeRegistry>());
        }

        return services;
    }
}
