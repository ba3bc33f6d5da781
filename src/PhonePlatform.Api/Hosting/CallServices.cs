using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.UseCases.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Api.Hosting;

/// <summary>Call history, voicemail, recordings and number call settings, and the gateway ports over them.</summary>
public static class CallServices
{
    public static IServiceCollection AddPhonePlatformCalls(this IServiceCollection services)
    {
        // Until the host registers the blob store itself: encrypted blobs in the configured local folder (Storage:BlobFolder).
        services.TryAddSingleton(sp => new EncryptedBlobStore(
            new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = sp.GetRequiredService<IOptions<StorageOptions>>().Value.BlobFolder }),
            sp.GetRequiredService<BlobCipher>(),
            sp.GetRequiredService<WorkspaceKeyring>()));
        services.AddSingleton<IVoicemailRepository, DataVoicemailRepository>();
        services.AddSingleton<INumberCallSettings, DataNumberCallSettings>();
        services.AddScoped<DeleteCall>();
        services.AddScoped<DeleteVoicemail>();
        services.AddScoped<NumberCallSettingsService>();
        return services;
    }
}
