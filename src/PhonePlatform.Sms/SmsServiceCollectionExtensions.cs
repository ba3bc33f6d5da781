using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhonePlatform.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>
    /// The SMS use cases (<see cref="SendMessage"/>, <see cref="InboundProcessor"/>, <see cref="ReceiptProcessor"/>) and
    /// <see cref="SmsIngress"/>. A process that runs the workers adds them with <see cref="AddSmsWorkers"/>. Needs the
    /// data layer (AddPhonePlatformData) and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddPhonePlatformSms(this IServiceCollection services, SmsOptions? options = null) =>
        services.AddPhonePlatformSms(_ => options ?? new SmsOptions());

    /// <summary>As above, with the options built when first resolved (e.g. bound from configuration).</summary>
    public static IServiceCollection AddPhonePlatformSms(this IServiceCollection services, Func<IServiceProvider, SmsOptions> options)
    {
        services.AddSingleton(options);
        services.AddSingleton<SmsIngress>();
        services.AddSingleton<SmsOutboxSignal>();
        services.AddScoped<ReceiptProcessor>();
        services.AddScoped<SendMessage>();
        services.AddScoped<InboundProcessor>();
        return services;
    }

    /// <summary>
    /// The configured SMPP carriers (<see cref="SmsOptions.Carriers"/>) behind one <see cref="SmsCarrierRouter"/>, a
    /// hosted service that binds them (retrying), and the outbox and ingress workers as hosted services.
    /// </summary>
    public static IServiceCollection AddSmsWorkers(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<SmsOptions>();
            var ingress = provider.GetRequiredService<SmsIngress>();
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var time = provider.GetRequiredService<TimeProvider>();
            var carriers = options.Carriers.Select(c => new NamedCarrier(
                c.Key, SmppCarrier.FromOptions(c.Key, c.Value, ingress, loggers.CreateLogger<SmppCarrier>(), time)));
            return new SmsCarrierRouter(carriers, options.DefaultCarrier, options.NumberCarriers);
        });
        services.AddHostedService<SmppCarrierLinks>();
        services.AddSingleton<SmsOutboxWorker>();
        services.AddSingleton<SmsIngressWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SmsOutboxWorker>());
        services.AddHostedService(provider => provider.GetRequiredService<SmsIngressWorker>());
        return services;
    }
}
