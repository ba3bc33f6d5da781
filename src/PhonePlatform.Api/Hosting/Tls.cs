using System.Security.Authentication;
using PhonePlatform.Api.Internal;

namespace PhonePlatform.Api.Hosting;

/// <summary>TLS 1.3 preferred, 1.2 minimum; a self-signed localhost certificate when configured and none is given.</summary>
public static class Tls
{
    public static WebApplicationBuilder AddPhonePlatformTls(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var certificatePath = builder.Configuration["Tls:SelfSignedCertificatePath"];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                // The handshake picks the highest version both sides offer, so 1.3 wins whenever the client has it.
                https.SslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12;
                if (!string.IsNullOrWhiteSpace(certificatePath) && https.ServerCertificate is null)
                {
                    https.ServerCertificate = SelfSignedCertificate.LoadOrCreate(certificatePath, TimeProvider.System);
                }
            });
        });
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }
}
