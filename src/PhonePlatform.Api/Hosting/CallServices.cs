using PhonePlatform.Api.Calls;
using PhonePlatform.Api.UseCases.Calls;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Recording;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Api.Hosting;

/// <summary>Call history, voicemail, recordings and number call settings, and the gateway ports over them.</summary>
public static class CallServices
{
    public static IServiceCollection AddPhonePlatformCalls(this IServiceCollection services)
    {
        services.AddSingleton<IVoicemailRepository, DataVoicemailRepository>();
        services.AddSingleton<ICallRecordingRepository, DataCallRecordingRepository>();
        services.AddSingleton<INumberCallSettings, DataNumberCallSettings>();
        services.AddSingleton<CallRecordObserver>();
        services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<CallRecordObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<CallRecordObserver>());
        services.AddScoped<DeleteCall>();
        services.AddScoped(sp => new LiveCallRecording(sp.GetRequiredService<Data.PhonePlatformDbContext>(), sp.GetRequiredService<Data.AuditLog>(), sp.GetService<B2bua>()));
        services.AddScoped<DeleteVoicemail>();
        services.AddScoped<NumberCallSettingsService>();
        return services;
    }
}
