using PhonePlatform.Api.Hosting;
using PhonePlatform.Data.Sip;

namespace PhonePlatform.Api.Sip;

public static class SipLocationServices
{
    /// <summary>
    /// SIP bindings in PostgreSQL: <see cref="PostgresLocationService"/> is the <c>ILocationService</c> of the browser
    /// edge and of anyone who needs it; this node is <c>Sip:NodeId</c> (default the machine name). The jobs role sweeps.
    /// </summary>
    public static IServiceCollection AddSipLocations(this IServiceCollection services, IConfiguration configuration, PlatformRoles roles)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(roles);
        services.AddSingleton<ISipAddressOwners, SipUsernameOwners>();
        services.AddPostgresLocationService(configuration["Sip:NodeId"]);
        if (roles.Has(PlatformRole.Jobs))
        {
            services.AddHostedService<ExpiredRegistrationSweep>();
        }

        return services;
    }
}
