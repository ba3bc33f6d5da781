using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>
    /// The SMS use cases (<see cref="SendMessage"/>, <see cref="InboundProcessor"/>, <see cref="ReceiptProcessor"/>) and
    /// <see cref="SmsIngress"/>. The worker host adds the carrier (<see cref="ISmsCarrier"/>) and the two workers with
    /// <see cref="AddSmsWorkers"/>. Needs the data layer (AddPhonePlatformData) and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddPhonePlatformSms(this IServiceCollection services, SmsOptions? options = null)
    {
        services.AddSingleton(options ?? new SmsOptions());
        services.AddSingleton<SmsIngress>();
        services.AddSingleton<ReceiptProcessor>();
        services.AddScoped<SendMessage>();
        services.AddScoped<InboundProcessor>();
        return services;
    }

    /// <summary>The outbox worker and the ingress worker as hosted services.</summary>
    public static IServiceCollection AddSmsWorkers(this IServiceCollection services)
    {
        services.AddSingleton<SmsOutboxWorker>();
        services.AddSingleton<SmsIngressWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SmsOutboxWorker>());
        services.AddHostedService(provider => provider.GetRequiredService<SmsIngressWorker>());
        return services;
    }
}
