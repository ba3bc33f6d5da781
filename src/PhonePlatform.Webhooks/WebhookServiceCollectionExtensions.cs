using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The webhook use cases (options from the <c>Webhooks</c> section), and, when <paramref name="runJobs"/> (the jobs
    /// role), the dispatcher (<see cref="WebhookJobs"/>) as a hosted service. Needs the data layer and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddPhonePlatformWebhooks(this IServiceCollection services, IConfiguration configuration, bool runJobs)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Read when first resolved, so configuration added after registration (hosts, test factories) counts.
        services.AddSingleton(_ => configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookInputRules>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddScoped<CreateWebhookSubscription>();
        services.AddScoped<RotateWebhookSecret>();
        services.AddScoped<SendTestWebhook>();
        services.AddScoped<RetryWebhookDelivery>();
        if (runJobs)
        {
            services.AddHostedService<WebhookJobs>();
        }

        return services;
    }
}
