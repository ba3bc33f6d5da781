using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Sms.Http;

public static class HttpCarrierServiceCollectionExtensions
{
    /// <summary>
    /// The REST carriers of <c>Sms:HttpCarriers</c> (each an <see cref="HttpSmsCarrier"/> resolvable by id through
    /// <see cref="HttpCarrierDirectory"/>) and the webhook intake (<see cref="CarrierWebhookVerifier"/>,
    /// <see cref="CarrierWebhookIntake"/>). Needs <see cref="SmsServiceCollectionExtensions.AddPhonePlatformSms"/>.
    /// </summary>
    public static IServiceCollection AddHttpSmsCarriers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Read when first resolved, so configuration added after registration (hosts, test factories) counts.
        services.AddSingleton(_ => new HttpCarrierDirectory(configuration.GetSection("Sms:HttpCarriers").Get<List<HttpCarrierOptions>>() ?? []));
        services.AddHttpClient(nameof(HttpSmsCarrier)).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        services.AddSingleton<CarrierWebhookVerifier>();
        services.AddScoped<CarrierWebhookIntake>();
        return services;
    }

    /// <summary>An <see cref="HttpSmsCarrier"/> for the configured carrier <paramref name="carrierId"/>.</summary>
    public static HttpSmsCarrier CreateHttpSmsCarrier(this IServiceProvider provider, string carrierId)
    {
        var options = provider.GetRequiredService<HttpCarrierDirectory>().Find(carrierId)
            ?? throw new InvalidOperationException($"No HTTP carrier '{carrierId}' under Sms:HttpCarriers.");
        return new HttpSmsCarrier(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpSmsCarrier)), options, provider.GetRequiredService<TimeProvider>());
    }
}
