using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Sip.Registrar;

namespace PhonePlatform.Data.Sip;

public static class SipDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresLocationService"/> as the <see cref="ILocationService"/>. The host adds its
    /// <see cref="ISipAddressOwners"/>; <paramref name="nodeId"/> is this gateway node (default: the machine name).
    /// </summary>
    public static IServiceCollection AddPostgresLocationService(this IServiceCollection services, string? nodeId)
    {
        services.AddSingleton(new PostgresLocationOptions { NodeId = string.IsNullOrWhiteSpace(nodeId) ? Environment.MachineName : nodeId });
        services.AddSingleton<PostgresLocationService>();
        services.AddSingleton<ILocationService>(provider => provider.GetRequiredService<PostgresLocationService>());
        return services;
    }
}
