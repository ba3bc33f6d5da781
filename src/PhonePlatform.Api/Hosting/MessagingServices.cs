using PhonePlatform.Api.Events;
using PhonePlatform.Sms;

namespace PhonePlatform.Api.Hosting;

public static class MessagingServices
{
    /// <summary>
    /// SMS (section <c>Sms</c>: carriers, default carrier, per-number overrides, worker settings) and the live event
    /// stream (section <c>Events</c>). The SMS workers (carrier links, outbox, ingress) run only in a process with the
    /// <see cref="PlatformRole.Sms"/> role (idle without a configured carrier); every process can accept messages. The
    /// options are read when first resolved, so test hosts and late configuration sources apply.
    /// </summary>
    public static IServiceCollection AddPhonePlatformMessaging(this IServiceCollection services, IConfiguration configuration, PlatformRoles roles)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(roles);
        services.AddPhonePlatformSms(provider => provider.GetRequiredService<IConfiguration>().GetSection("Sms").Get<SmsOptions>() ?? new SmsOptions());
        if (roles.Has(PlatformRole.Sms))
        {
            services.AddSmsWorkers();
        }

        services.Configure<EventStreamOptions>(configuration.GetSection("Events"));
        return services;
    }
}
