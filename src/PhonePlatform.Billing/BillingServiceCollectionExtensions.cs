using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance;

namespace PhonePlatform.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Stripe billing from the <c>Billing</c> section (secret key, webhook secret, plans with their per-seat price
    /// ids, return URLs). Needs the data layer and the compliance services (cancellation).
    /// </summary>
    public static IServiceCollection AddPhonePlatformBilling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<BillingOptions>(configuration.GetSection("Billing"));
        services.AddHttpClient(StripeConnection.HttpClientName);
        services.AddSingleton<StripeConnection>();
        services.AddScoped<GetBilling>();
        services.AddScoped<StartCheckout>();
        services.AddScoped<OpenBillingPortal>();
        services.AddScoped<SyncSeats>();
        services.AddScoped<ApplyStripeEvent>();
        services.AddWorkspaceDataParticipant<BillingParticipant>();
        return services;
    }
}
